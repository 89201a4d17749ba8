{#-
    Column-level: fails on every row where the column is negative. Nulls pass.
-#}
{% test non_negative(model, column_name) %}

with

checked as (

    select {{ column_name }} as checked_value
    from {{ model }}

),

final as (

    select * from checked
    where checked_value < 0

)

select * from final

{% endtest %}
