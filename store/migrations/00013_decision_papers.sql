-- The papers a decision relied on, so the log shows how long they were
-- available beforehand.

-- +goose Up
CREATE TABLE decision_papers (
    decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    paper_id    BIGINT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    PRIMARY KEY (decision_id, paper_id)
);

-- +goose Down
DROP TABLE decision_papers;
