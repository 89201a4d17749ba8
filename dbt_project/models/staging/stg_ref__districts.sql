with

source as (

    select * from {{ source('ref', 'admin2') }}

),

renamed as (

    select
        cast(admin2Pcode as varchar) as admin2_pcode,
        cast(admin2Name_en as varchar) as admin2_name_en,
        cast(admin2Name_ar as varchar) as admin2_name_ar,
        cast(admin1Pcode as varchar) as admin1_pcode,
        cast(admin1Name_en as varchar) as admin1_name_en,
        cast(admin1Name_ar as varchar) as admin1_name_ar,
        cast(area_sqkm as double) as area_sqkm

    from source

),

final as (

    select * from renamed

)

select * from final
