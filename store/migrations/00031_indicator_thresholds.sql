-- A group's own thresholds for the health check's evidence indicators,
-- where it has changed the framework file's default.

-- +goose Up
CREATE TABLE indicator_thresholds (
    group_id  BIGINT NOT NULL REFERENCES steering_groups (id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    threshold DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (group_id, indicator)
);

-- +goose Down
DROP TABLE indicator_thresholds;
