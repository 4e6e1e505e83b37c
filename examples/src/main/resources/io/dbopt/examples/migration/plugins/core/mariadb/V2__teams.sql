CREATE TABLE teams (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    name varchar(255) NOT NULL
) ENGINE=InnoDB;
CREATE TABLE team_members (
    team_id bigint NOT NULL,
    user_id bigint NOT NULL,
    PRIMARY KEY (team_id, user_id),
    KEY team_members_user_idx (user_id),
    CONSTRAINT team_members_team_fk FOREIGN KEY (team_id) REFERENCES teams (id),
    CONSTRAINT team_members_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;
