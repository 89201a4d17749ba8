with

source as (

    select * from {{ source('raw', 'articles') }}

),

renamed as (

    select
        cast(article_id as varchar) as article_id,
        cast(source as varchar) as source,
        cast(url as varchar) as url,
        cast(published_at as timestamp) as published_at,
        -- published_at is UTC: the publication day is the UTC calendar day
        cast(cast(published_at as timestamp) as date) as published_date,
        cast(title as varchar) as title,
        cast(body as varchar) as body,
        cast(content_hash as varchar) as content_hash,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line,
        cast(ingested_at as timestamp) as ingested_at

    from source

),

final as (

    select * from renamed

)

select * from final
