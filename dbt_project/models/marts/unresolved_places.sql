-- Place names the gazetteer lacks that carry events ("لقرية خلصة"): the curators' work list for
-- extract/lexicon/places_extra.tsv. Grain: one row per normalised name.

with

mentions as (

    select * from {{ ref('stg_raw__event_mentions') }}
    where place_kind = 'unresolved'

),

keyed as (

    select
        *,
        -- the matching key of extract.text.normalize_key: alef forms, ta marbuta, alef maqsura,
        -- no spaces or hyphens, no leading article
        regexp_replace(
            regexp_replace(
                translate(place, 'أإآٱةى', 'اااايهي'),
                '[\s\-_ـ]', '', 'g'
            ),
            '^ال(.{2,})$', '\1'
        ) as place_key

    from mentions

),

ranked as (

    select
        *,
        row_number() over (partition by place_key order by event_date desc, mention_id) as recency,
        count(*) over (partition by place_key, place) as surface_count

    from keyed

),

final as (

    select
        place_key,
        arg_max(place, surface_count) as place,
        cast(count(*) as bigint) as mentions,
        cast(count(distinct article_id) as bigint) as articles,
        mode(admin1_pcode) as admin1_pcode,
        mode(admin2_pcode) as admin2_pcode,
        min(event_date) as first_event_date,
        max(event_date) as last_event_date,
        max(case when recency = 1 then article_id end) as example_article_id,
        max(case when recency = 1 then evidence end) as example_evidence

    from ranked
    group by place_key

)

select * from final
