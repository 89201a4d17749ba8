with

source as (

    select * from {{ source('ref', 'admin4') }}

),

renamed as (

    select
        cast(admin4Pcode as varchar) as admin4_pcode,
        cast(admin4Name_en as varchar) as admin4_name_en,
        cast(admin4Name_ar as varchar) as admin4_name_ar,
        cast(admin4Name_en_ref as varchar) as admin4_name_en_ref,
        cast(admin3Pcode as varchar) as admin3_pcode,
        cast(admin3Name_en as varchar) as admin3_name_en,
        cast(admin3Name_ar as varchar) as admin3_name_ar,
        cast(admin2Pcode as varchar) as admin2_pcode,
        cast(admin2Name_en as varchar) as admin2_name_en,
        cast(admin2Name_ar as varchar) as admin2_name_ar,
        cast(admin1Pcode as varchar) as admin1_pcode,
        cast(admin1Name_en as varchar) as admin1_name_en,
        cast(admin1Name_ar as varchar) as admin1_name_ar,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
        cast(capital_level as integer) as capital_level,
        cast(name_ar_truncated as integer) = 1 as is_name_ar_truncated

    from source

),

final as (

    select * from renamed

)

select * from final
