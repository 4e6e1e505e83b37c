CREATE TABLE documents (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    project_id bigint NOT NULL,
    author_id bigint NOT NULL,
    title varchar(255) NOT NULL,
    body text,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY documents_project_idx (project_id),
    KEY documents_author_idx (author_id),
    CONSTRAINT documents_project_fk FOREIGN KEY (project_id) REFERENCES projects (id),
    CONSTRAINT documents_author_fk FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB;
