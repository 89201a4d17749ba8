-- One row per event mention: the incident it reports (incident_id), and why it was linked.
--
-- GDELT's failure is counting reports instead of events. An incident (GUIDELINES.md §1: one kind
-- of violence, at one place, on one day) reported by several articles is one incident here:
--
--   * same day: mentions dated to the day (date_precision 'day') on the same event_date;
--   * compatible type: the same linkage group (var linkage_type_groups: air_strike and shelling
--     are one group, because an outlet that names no aircraft codes a raid as shelling);
--   * same place, or one report less precise: each mention sits on a node of the place tree
--       governorate > district > community > sub-community place (a neighbourhood, an airport:
--       the mention's place when it is not the community's own name, compared after
--       normalize_place); a place named at geo_precision 1 with a district but no community
--       (a Damascus neighbourhood, GUIDELINES.md §3) is a node of its own under the district;
--     a node that has a finer node under it that day is less precise than the finer ones: its
--     mentions join the best "leaf" under it (most reports, then the first published, then the
--     node name). Two different neighbourhoods of Aleppo (both community C1007) stay apart;
--     a report naming only the district joins the incident of a community in that district.
--     An article's own records are distinct events (GUIDELINES.md §1): a less precise mention
--     does not join a leaf that holds a mention of its own article; with no other leaf it stays
--     an incident on its own node. Governorate-only reports link only with each other: a
--     governorate holds too many incidents a day to guess which one they mean.
--   * later reports with no day (date_precision 'week': a funeral, a reaction, a later toll;
--     GUIDELINES.md §4) join the day incident of the same type group and a compatible place
--     (same node, or one inside the other below governorate level) on one of the
--     var('week_link_days') days up to their publication day: the latest such day, then the
--     most reported. Unlinked week and month mentions are incidents of their own precision,
--     shared only with mentions of the same node, type group and event_date.
--   * a mention with no place code at all is its own incident.
--
-- Nothing here depends on the order mentions arrived in: an incident is named by its key
-- (precision, day, type group, place node), so rebuilding any window of days gives the same ids.

with

mentions as (

    select * from {{ ref('int_event_mentions_enriched') }}

),

communities as (

    select * from {{ ref('stg_ref__communities') }}

),

placed as (

    select
        mentions.mention_id,
        mentions.article_id,
        mentions.published_at,
        mentions.event_type,
        {{ event_type_group('mentions.event_type') }} as type_group,
        mentions.event_date,
        mentions.date_precision,
        mentions.admin1_pcode,
        mentions.admin2_pcode,
        mentions.admin4_pcode,
        case
            when mentions.admin4_pcode is not null
                and {{ normalize_place('mentions.place') }}
                    is distinct from {{ normalize_place('communities.admin4_name_ar') }}
                then {{ normalize_place('mentions.place') }}
        end as sub_place,
        -- a named place with a district but no community (geo_precision 1): its own node
        case
            when mentions.admin4_pcode is null
                and mentions.admin2_pcode is not null
                and mentions.geo_precision = 1
                then {{ normalize_place('mentions.place') }}
        end as district_place

    from mentions
    left join communities
        on mentions.admin4_pcode = communities.admin4_pcode

),

noded as (

    select
        *,
        case
            when admin4_pcode is not null and sub_place is not null then 4
            when admin4_pcode is not null then 3
            when district_place is not null then 3
            when admin2_pcode is not null then 2
            when admin1_pcode is not null then 1
        end as place_depth,
        case
            when admin4_pcode is not null
                then coalesce(admin2_pcode, '?') || '/' || admin4_pcode || coalesce('/' || sub_place, '')
            when district_place is not null then admin2_pcode || '/~' || district_place
            when admin2_pcode is not null then admin2_pcode
            when admin1_pcode is not null then 'governorate ' || admin1_pcode
        end as place_node

    from placed

),

-- day-precision mentions: one incident per leaf node, day and type group ------------------------

day_mentions as (

    select * from noded
    where date_precision = 'day' and place_node is not null

),

day_nodes as (

    select
        event_date,
        type_group,
        place_node,
        place_depth,
        count(distinct article_id) as n_reports,
        min(published_at) as first_published_at

    from day_mentions
    group by event_date, type_group, place_node, place_depth

),

day_leaves as (

    select nodes.*
    from day_nodes as nodes
    where
        nodes.place_depth = 1
        or not exists (
            select 1
            from day_nodes as finer
            where
                finer.event_date = nodes.event_date
                and finer.type_group = nodes.type_group
                and finer.place_depth > 1
                and starts_with(finer.place_node, nodes.place_node || '/')
        )

),

day_candidates as (

    select
        day_mentions.mention_id,
        leaves.event_date,
        leaves.type_group,
        leaves.place_node as incident_node,
        leaves.place_depth as incident_depth,
        row_number() over (
            partition by day_mentions.mention_id
            order by leaves.n_reports desc, leaves.first_published_at, leaves.place_node
        ) as preference

    from day_mentions
    inner join day_leaves as leaves
        on
            leaves.event_date = day_mentions.event_date
            and leaves.type_group = day_mentions.type_group
            and (
                leaves.place_node = day_mentions.place_node
                or (
                    day_mentions.place_depth > 1
                    and starts_with(leaves.place_node, day_mentions.place_node || '/')
                    -- not onto a leaf where its own article reports another event
                    and not exists (
                        select 1
                        from day_mentions as same_article
                        where
                            same_article.article_id = day_mentions.article_id
                            and same_article.event_date = leaves.event_date
                            and same_article.type_group = leaves.type_group
                            and same_article.place_node = leaves.place_node
                    )
                )
            )

),

day_linked as (

    -- the preferred leaf; a less precise mention with no leaf left stays on its own node
    select
        day_mentions.mention_id,
        'day' as incident_date_precision,
        day_mentions.event_date as incident_event_date,
        day_mentions.type_group,
        coalesce(chosen.incident_node, day_mentions.place_node) as incident_node,
        coalesce(chosen.incident_depth, day_mentions.place_depth) as incident_depth

    from day_mentions
    left join day_candidates as chosen
        on day_mentions.mention_id = chosen.mention_id and chosen.preference = 1

),

day_incidents as (

    select
        day_linked.incident_event_date,
        day_linked.type_group,
        day_linked.incident_node,
        day_linked.incident_depth,
        count(distinct noded.article_id) as n_reports,
        min(noded.published_at) as first_published_at

    from day_linked
    inner join noded
        on day_linked.mention_id = noded.mention_id
    group by all

),

-- week-precision mentions: the day incident they report, when there is one -----------------------

week_candidates as (

    select
        week.mention_id,
        incidents.incident_event_date,
        incidents.type_group,
        incidents.incident_node,
        incidents.incident_depth,
        row_number() over (
            partition by week.mention_id
            order by
                incidents.incident_event_date desc,
                incidents.n_reports desc,
                incidents.first_published_at,
                incidents.incident_node
        ) as preference

    from noded as week
    inner join day_incidents as incidents
        on
            incidents.type_group = week.type_group
            and incidents.incident_event_date
                between week.event_date - {{ var('week_link_days') | int }} and week.event_date
            and (
                incidents.incident_node = week.place_node
                or (
                    week.place_depth > 1
                    and incidents.incident_depth > 1
                    and (
                        starts_with(incidents.incident_node, week.place_node || '/')
                        or starts_with(week.place_node, incidents.incident_node || '/')
                    )
                )
            )
    where
        week.date_precision = 'week'
        and week.place_node is not null

),

week_linked as (

    select
        mention_id,
        'day' as incident_date_precision,
        incident_event_date,
        type_group,
        incident_node,
        incident_depth

    from week_candidates
    where preference = 1

),

-- everything else is an incident of its own precision, day, type group and node ------------------

unlinked as (

    select
        noded.mention_id,
        noded.date_precision as incident_date_precision,
        noded.event_date as incident_event_date,
        noded.type_group,
        noded.place_node as incident_node,
        noded.place_depth as incident_depth

    from noded
    where
        noded.mention_id not in (select mention_id from day_linked)
        and noded.mention_id not in (select mention_id from week_linked)

),

linked as (

    select * from day_linked
    union all
    select * from week_linked
    union all
    select * from unlinked

),

keyed as (

    select
        noded.mention_id,
        noded.article_id,
        noded.published_at,
        noded.event_type,
        noded.type_group,
        noded.event_date,
        noded.date_precision,
        noded.place_node,
        noded.place_depth,

        concat_ws(
            '|',
            linked.incident_date_precision,
            strftime(linked.incident_event_date, '%Y-%m-%d'),
            linked.type_group,
            coalesce(linked.incident_node, 'mention ' || noded.mention_id)
        ) as incident_key,
        linked.incident_event_date,
        linked.incident_date_precision,
        linked.incident_node,

        case
            when noded.place_node is null then 'no_place'
            when noded.date_precision <> linked.incident_date_precision then 'week_report'
            when noded.place_node = linked.incident_node then 'same_place'
            else 'less_precise_place'
        end as link_rule

    from noded
    inner join linked
        on noded.mention_id = linked.mention_id

),

final as (

    select
        mention_id,
        substr(md5(incident_key), 1, 16) as incident_id,
        incident_key,
        incident_event_date,
        incident_date_precision,
        incident_node,
        article_id,
        event_type,
        type_group,
        event_date,
        date_precision,
        place_node,
        place_depth,
        link_rule,
        -- the report the incident takes its place, evidence and provenance from: one at the
        -- incident's own node, dated to the incident's precision, the first published
        row_number() over (
            partition by incident_key
            order by
                (place_node is not distinct from incident_node) desc,
                (date_precision = incident_date_precision) desc,
                published_at,
                mention_id
        ) = 1 as is_primary

    from keyed

)

select * from final
