-- One row per incident: what events shows beside the primary report's provenance.
--
--   * the report behind the count: the mention whose count the merged killed_low comes from (the
--     highest killed_low, then killed_best, injured_low, strikes_low; then the first published),
--     with its evidence, offsets, article, title and URL. The primary report names the place; this
--     one says the number, and an analyst checking the number must read this one.
--   * the primary article's title.
--   * coordinates: the primary report's community (COD-AB admin4 latitude/longitude) when it names
--     one, else the district centroid (the mean of the district's community coordinates), else null;
--     coordinates_from says which. admin3_pcode is the community's sub-district.

with

links as (

    select * from {{ ref('int_incident_links') }}

),

mentions as (

    select * from {{ ref('int_event_mentions_enriched') }}

),

articles as (

    select * from {{ ref('stg_raw__articles') }}

),

communities as (

    select * from {{ ref('stg_ref__communities') }}

),

district_centroids as (

    select
        admin2_pcode,
        avg(latitude) as latitude,
        avg(longitude) as longitude

    from communities
    where latitude is not null and longitude is not null
    group by admin2_pcode

),

reported as (

    select
        links.incident_id,
        links.is_primary,
        mentions.*

    from links
    inner join mentions
        on links.mention_id = mentions.mention_id

),

count_reports as (

    select
        incident_id,
        mention_id as count_mention_id,
        article_id as count_article_id,
        url as count_url,
        evidence as count_evidence,
        evidence_start as count_evidence_start,
        evidence_end as count_evidence_end

    from reported
    qualify row_number() over (
        partition by incident_id
        order by killed_low desc, killed_best desc, injured_low desc, strikes_low desc, published_at, mention_id
    ) = 1

),

primary_reports as (

    select * from reported
    where is_primary

),

final as (

    select
        primary_reports.incident_id,
        primary_articles.title,

        count_reports.count_mention_id,
        count_reports.count_article_id,
        count_articles.title as count_title,
        count_reports.count_url,
        count_reports.count_evidence,
        count_reports.count_evidence_start,
        count_reports.count_evidence_end,

        communities.admin3_pcode,
        coalesce(communities.latitude, district_centroids.latitude) as latitude,
        coalesce(communities.longitude, district_centroids.longitude) as longitude,
        case
            when communities.latitude is not null then 'community'
            when district_centroids.latitude is not null then 'district_centroid'
        end as coordinates_from

    from primary_reports
    inner join count_reports
        on primary_reports.incident_id = count_reports.incident_id
    left join articles as primary_articles
        on primary_reports.article_id = primary_articles.article_id
    left join articles as count_articles
        on count_reports.count_article_id = count_articles.article_id
    left join communities
        on primary_reports.admin4_pcode = communities.admin4_pcode
    left join district_centroids
        on primary_reports.admin2_pcode = district_centroids.admin2_pcode

)

select * from final
