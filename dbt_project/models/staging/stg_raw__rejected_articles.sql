with

source as (

    select * from {{ source('raw', 'rejected_articles') }}

),

renamed as (

    select
        cast(rejection_id as varchar) as rejection_id,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line,
        cast(reason as varchar) as reason,
        cast(raw_record as varchar) as raw_record,
        cast(rejected_at as timestamp) as rejected_at

    from source

),

final as (

    select * from renamed

)

select * from final
