{#-
    Model-level: the combination of `columns` is unique (a composite key). Fails once per
    duplicated combination. Null key values are compared as values (two rows with the same
    null are duplicates); add not_null on the key columns to forbid nulls.

        data_tests:
          - unique_combination:
              arguments:
                columns: [admin2_pcode, event_date]
-#}
{% test unique_combination(model, columns) %}

with

counted as (

    select
        {{ columns | join(', ') }},
        count(*) as n_rows

    from {{ model }}
    group by {{ columns | join(', ') }}

),

final as (

    select * from counted
    where n_rows > 1

)

select * from final

{% endtest %}
