-- Community feedback, and its links to the decisions it shaped ("you
-- said, we did"). Contact details are never published.

-- +goose Up
CREATE TABLE feedback (
    id           BIGINT PRIMARY KEY,
    group_id     BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    source       TEXT NOT NULL,
    outreach_id  BIGINT NULL REFERENCES outreach (id),
    theme        TEXT NOT NULL DEFAULT '',
    said         TEXT NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    contact      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    received_on  TIMESTAMP NOT NULL,
    recorded_by  BIGINT NULL REFERENCES members (id)
);
CREATE INDEX feedback_group ON feedback (group_id, received_on);

CREATE TABLE feedback_links (
    feedback_id BIGINT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    said        TEXT NOT NULL,
    did         TEXT NOT NULL,
    published   BOOLEAN NOT NULL DEFAULT FALSE,
    linked_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (feedback_id, decision_id)
);
CREATE INDEX feedback_links_decision ON feedback_links (decision_id);

-- +goose Down
DROP TABLE feedback_links;
DROP TABLE feedback;
