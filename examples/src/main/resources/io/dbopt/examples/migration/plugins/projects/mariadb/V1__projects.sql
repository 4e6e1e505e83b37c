CREATE TABLE projects (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    team_id bigint NOT NULL,
    name varchar(255) NOT NULL,
    status varchar(20) NOT NULL DEFAULT 'active',
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY projects_team_idx (team_id),
    CONSTRAINT projects_team_fk FOREIGN KEY (team_id) REFERENCES teams (id)
) ENGINE=InnoDB;
