-- The tables the Python side of Rasd owns (docs/contracts.md). Every statement is idempotent;
-- orchestration/warehouse.py runs this file before any asset writes. dbt reads these as sources.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS ref;
CREATE SCHEMA IF NOT EXISTS meta;

CREATE TABLE IF NOT EXISTS raw.articles (
    article_id   VARCHAR PRIMARY KEY,
    source       VARCHAR,
    url          VARCHAR,
    published_at TIMESTAMP NOT NULL,
    title        VARCHAR,
    body         VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    source_file  VARCHAR NOT NULL,
    source_line  INTEGER NOT NULL,
    ingested_at  TIMESTAMP NOT NULL,
    revision     INTEGER,
    source_position VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.rejected_articles (
    rejection_id VARCHAR PRIMARY KEY,
    source_file  VARCHAR NOT NULL,
    source_line  INTEGER NOT NULL,
    reason       VARCHAR NOT NULL,
    raw_record   VARCHAR,
    rejected_at  TIMESTAMP NOT NULL,
    source_position VARCHAR
);

-- Every distinct content ever ingested for an article id, numbered in the order it was first seen;
-- raw.articles holds the latest (its content_hash and revision say which of these it is).
CREATE TABLE IF NOT EXISTS raw.article_revisions (
    article_id      VARCHAR NOT NULL,
    revision        INTEGER NOT NULL,
    content_hash    VARCHAR NOT NULL,
    source          VARCHAR,
    url             VARCHAR,
    published_at    TIMESTAMP NOT NULL,
    title           VARCHAR,
    body            VARCHAR NOT NULL,
    source_file     VARCHAR NOT NULL,
    source_line     INTEGER NOT NULL,
    source_position VARCHAR,
    seen_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, revision),
    UNIQUE (article_id, content_hash)
);

CREATE TABLE IF NOT EXISTS raw.event_mentions (
    mention_id        VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    ordinal           INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    event_type        VARCHAR NOT NULL,
    event_date        DATE NOT NULL,
    date_precision    VARCHAR NOT NULL,
    place             VARCHAR,
    admin1_pcode      VARCHAR,
    admin2_pcode      VARCHAR,
    admin4_pcode      VARCHAR,
    geo_precision     INTEGER,
    actor             VARCHAR,
    killed_low        INTEGER NOT NULL,
    killed_best       INTEGER NOT NULL,
    killed_vague      BOOLEAN NOT NULL,
    injured_low       INTEGER NOT NULL,
    injured_best      INTEGER NOT NULL,
    injured_vague     BOOLEAN NOT NULL,
    strikes_low       INTEGER NOT NULL,
    strikes_best      INTEGER NOT NULL,
    strikes_vague     BOOLEAN NOT NULL,
    civilian          BOOLEAN NOT NULL,
    evidence          VARCHAR,
    evidence_start    INTEGER,
    evidence_end      INTEGER,
    extracted_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS meta.extractions (
    article_id        VARCHAR PRIMARY KEY,
    extractor_version VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,
    n_events          INTEGER NOT NULL,
    extracted_at      TIMESTAMP NOT NULL
);

-- Articles the extractor raised on, with the error; they stay pending and every run tries them again.
CREATE TABLE IF NOT EXISTS meta.extraction_failures (
    article_id        VARCHAR PRIMARY KEY,
    extractor_version VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,
    error             VARCHAR NOT NULL,
    failed_at         TIMESTAMP NOT NULL
);

-- Columns added after the first release: warehouses created before them get them here.
ALTER TABLE raw.articles ADD COLUMN IF NOT EXISTS revision INTEGER;
-- gazetteer, landmark (a named site) or unresolved (a name the gazetteer lacks): what unresolved_places lists
ALTER TABLE raw.event_mentions ADD COLUMN IF NOT EXISTS place_kind VARCHAR;
ALTER TABLE raw.articles ADD COLUMN IF NOT EXISTS source_position VARCHAR;
ALTER TABLE raw.rejected_articles ADD COLUMN IF NOT EXISTS source_position VARCHAR;

-- Event mentions the extractor found whose date cannot be the event's (before 2011, or after the article's
-- publication: orchestration/extraction.py): kept with the reason, never counted. Replaced with the article's mentions.
CREATE TABLE IF NOT EXISTS meta.quarantined_mentions (
    mention_id        VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    event_type        VARCHAR,
    event_date        DATE,
    date_precision    VARCHAR,
    place             VARCHAR,
    evidence          VARCHAR,
    reason            VARCHAR NOT NULL,
    quarantined_at    TIMESTAMP NOT NULL
);

-- A rejection whose file later loads in full is resolved (kept as history; the rejected-rate check counts only
-- unresolved ones). NULL: still open.
ALTER TABLE raw.rejected_articles ADD COLUMN IF NOT EXISTS resolved_at TIMESTAMP;
