-- The 61 districts (OCHA COD-AB admin2) with their governorate: the district dimension of the
-- marts (district_day has one row per district and day).

with

districts as (

    select * from {{ ref('stg_ref__districts') }}

),

governorates as (

    select * from {{ ref('stg_ref__governorates') }}

),

final as (

    select
        districts.admin2_pcode,
        districts.admin2_name_en,
        districts.admin2_name_ar,
        districts.admin1_pcode,
        governorates.admin1_name_en,
        governorates.admin1_name_ar,
        districts.area_sqkm

    from districts
    left join governorates
        on districts.admin1_pcode = governorates.admin1_pcode

)

select * from final
