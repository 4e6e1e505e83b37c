-- core: the users every plugin refers to
CREATE TABLE users (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    email varchar(255) NOT NULL,
    display_name varchar(255),
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE KEY users_email_uq (email)
) ENGINE=InnoDB;
