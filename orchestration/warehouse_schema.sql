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
    ingested_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS raw.rejected_articles (
    rejection_id VARCHAR PRIMARY KEY,
    source_file  VARCHAR NOT NULL,
    source_line  INTEGER NOT NULL,
    reason       VARCHAR NOT NULL,
    raw_record   VARCHAR,
    rejected_at  TIMESTAMP NOT NULL
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
