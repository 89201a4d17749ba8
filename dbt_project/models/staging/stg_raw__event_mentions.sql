with

source as (

    select * from {{ source('raw', 'event_mentions') }}

),

renamed as (

    select
        -- ids
        cast(mention_id as varchar) as mention_id,
        cast(article_id as varchar) as article_id,
        cast(ordinal as integer) as ordinal,
        cast(extractor_version as varchar) as extractor_version,

        -- what and when
        cast(event_type as varchar) as event_type,
        cast(event_date as date) as event_date,
        cast(date_precision as varchar) as date_precision,

        -- where
        cast(place as varchar) as place,
        cast(admin1_pcode as varchar) as admin1_pcode,
        cast(admin2_pcode as varchar) as admin2_pcode,
        cast(admin4_pcode as varchar) as admin4_pcode,
        cast(geo_precision as integer) as geo_precision,

        -- who
        cast(actor as varchar) as actor,

        -- counts
        cast(killed_low as integer) as killed_low,
        cast(killed_best as integer) as killed_best,
        cast(killed_vague as boolean) as killed_vague,
        cast(injured_low as integer) as injured_low,
        cast(injured_best as integer) as injured_best,
        cast(injured_vague as boolean) as injured_vague,
        cast(strikes_low as integer) as strikes_low,
        cast(strikes_best as integer) as strikes_best,
        cast(strikes_vague as boolean) as strikes_vague,
        cast(civilian as boolean) as civilian,

        -- provenance
        cast(evidence as varchar) as evidence,
        cast(evidence_start as integer) as evidence_start,
        cast(evidence_end as integer) as evidence_end,
        cast(coalesce(place_kind, 'gazetteer') as varchar) as place_kind,
        cast(extracted_at as timestamp) as extracted_at

    from source

),

final as (

    select * from renamed

)

select * from final
