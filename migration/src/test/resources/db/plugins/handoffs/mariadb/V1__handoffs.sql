CREATE TABLE handoffs (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    document_id bigint NOT NULL,
    from_user_id bigint NOT NULL,
    to_user_id bigint NOT NULL,
    note text,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    KEY handoffs_document_idx (document_id),
    KEY handoffs_from_idx (from_user_id),
    KEY handoffs_to_idx (to_user_id),
    CONSTRAINT handoffs_document_fk FOREIGN KEY (document_id) REFERENCES documents (id),
    CONSTRAINT handoffs_from_fk FOREIGN KEY (from_user_id) REFERENCES users (id),
    CONSTRAINT handoffs_to_fk FOREIGN KEY (to_user_id) REFERENCES users (id)
) ENGINE=InnoDB;
