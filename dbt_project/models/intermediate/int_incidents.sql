-- One row per incident (int_incident_links), its reports' counts merged.
--
-- A report is one article's account of the incident: the sum of that article's mentions in the
-- incident (usually one; an article that reports a raid and a shelling of one town that day has
-- two, and they add up). Across reports (ACLED/UCDP low and best, GUIDELINES.md §6):
--   low  = the highest floor that any report confirms      = max over reports of the report's low
--   best = the likeliest figure, the highest report's best = max over reports of the report's best
-- so low <= best, and both are reproducible from event_reports. civilian_killed_* take the same
-- maxima over the reports that say the dead were civilians. A count is vague when every report
-- that gives the highest best gives it vaguely. The type is the first of var
-- event_type_precedence among the reports' types; the actor the known actor most reports name
-- (then the first named), else unknown. Place, codes, evidence and provenance are the primary
-- report's (int_incident_links.is_primary).

with

links as (

    select * from {{ ref('int_incident_links') }}

),

mentions as (

    select * from {{ ref('int_event_mentions_enriched') }}

),

reported as (

    select
        links.incident_id,
        links.incident_event_date,
        links.incident_date_precision,
        links.is_primary,
        mentions.*

    from links
    inner join mentions
        on links.mention_id = mentions.mention_id

),

per_report as (

    select
        incident_id,
        article_id,
        any_value(source) as source,
        min(published_at) as published_at,
        cast(sum(killed_low) as integer) as killed_low,
        cast(sum(killed_best) as integer) as killed_best,
        bool_or(killed_vague) as killed_vague,
        cast(sum(injured_low) as integer) as injured_low,
        cast(sum(injured_best) as integer) as injured_best,
        bool_or(injured_vague) as injured_vague,
        cast(sum(case when civilian then killed_low else 0 end) as integer) as civilian_killed_low,
        cast(sum(case when civilian then killed_best else 0 end) as integer) as civilian_killed_best,
        cast(sum(strikes_low) as integer) as strikes_low,
        cast(sum(strikes_best) as integer) as strikes_best,
        bool_or(strikes_vague) as strikes_vague,
        bool_or(civilian) as civilian

    from reported
    group by incident_id, article_id

),

with_maxima as (

    select
        *,
        max(killed_best) over (partition by incident_id) as incident_killed_best,
        max(injured_best) over (partition by incident_id) as incident_injured_best,
        max(strikes_best) over (partition by incident_id) as incident_strikes_best

    from per_report

),

merged_counts as (

    select
        incident_id,
        max(killed_low) as killed_low,
        max(killed_best) as killed_best,
        bool_and(killed_vague) filter (where killed_best = incident_killed_best) as killed_vague,
        max(injured_low) as injured_low,
        max(injured_best) as injured_best,
        bool_and(injured_vague) filter (where injured_best = incident_injured_best) as injured_vague,
        max(civilian_killed_low) as civilian_killed_low,
        max(civilian_killed_best) as civilian_killed_best,
        max(strikes_low) as strikes_low,
        max(strikes_best) as strikes_best,
        bool_and(strikes_vague) filter (where strikes_best = incident_strikes_best) as strikes_vague,
        bool_or(civilian) as civilian,
        count(*) as n_reports,
        count(distinct source) as n_sources,
        list(article_id order by published_at, article_id) as article_ids,
        min(published_at) as first_published_at

    from with_maxima
    group by incident_id

),

types as (

    select
        incident_id,
        arg_min(event_type, {{ event_type_rank('event_type') }}) as event_type,
        count(*) as n_mentions

    from reported
    group by incident_id

),

actor_votes as (

    select
        incident_id,
        actor,
        count(distinct article_id) as n_reports,
        min(published_at) as first_published_at

    from reported
    where actor <> 'unknown'
    group by incident_id, actor

),

actors as (

    select
        incident_id,
        actor

    from actor_votes
    qualify row_number() over (
        partition by incident_id order by n_reports desc, first_published_at, actor
    ) = 1

),

primary_reports as (

    select * from reported
    where is_primary

),

final as (

    select
        primary_reports.incident_id,
        types.event_type,
        primary_reports.incident_event_date as event_date,
        primary_reports.incident_date_precision as date_precision,

        primary_reports.place,
        primary_reports.admin1_pcode,
        primary_reports.admin1_name_ar,
        primary_reports.admin1_name_en,
        primary_reports.admin2_pcode,
        primary_reports.admin2_name_ar,
        primary_reports.admin2_name_en,
        primary_reports.admin4_pcode,
        primary_reports.geo_precision,

        coalesce(actors.actor, 'unknown') as actor,

        merged_counts.killed_low,
        merged_counts.killed_best,
        merged_counts.killed_vague,
        merged_counts.injured_low,
        merged_counts.injured_best,
        merged_counts.injured_vague,
        merged_counts.civilian_killed_low,
        merged_counts.civilian_killed_best,
        merged_counts.strikes_low,
        merged_counts.strikes_best,
        merged_counts.strikes_vague,
        merged_counts.civilian,

        merged_counts.n_reports,
        merged_counts.n_sources,
        types.n_mentions,
        merged_counts.article_ids,
        merged_counts.first_published_at,

        primary_reports.mention_id as primary_mention_id,
        primary_reports.article_id,
        primary_reports.source,
        primary_reports.url,
        primary_reports.published_at,
        primary_reports.published_date,
        primary_reports.evidence,
        primary_reports.evidence_start,
        primary_reports.evidence_end,
        primary_reports.extractor_version

    from primary_reports
    inner join merged_counts
        on primary_reports.incident_id = merged_counts.incident_id
    inner join types
        on primary_reports.incident_id = types.incident_id
    left join actors
        on primary_reports.incident_id = actors.incident_id

)

select * from final
