-- Indexes for the queries that read one group's records from tables
-- shared by every group. Without them each query reads the whole table,
-- which costs nothing with a few groups and a tenth of a second with a
-- thousand (measured on the benchmark data set, see docs/benchmarks.md).

-- +goose Up
CREATE INDEX papers_group ON papers (group_id, uploaded_at);

-- +goose Down
DROP INDEX papers_group;
