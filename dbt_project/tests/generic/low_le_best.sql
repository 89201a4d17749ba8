{#-
    Column-level: the conservative count may not exceed the likeliest one (GUIDELINES.md §6).
    Fails on every row where `column_name` > `best_column`. Rows where either is null pass
    (not_null is a separate test).

        - name: killed_low
          data_tests:
            - low_le_best:
                arguments:
                  best_column: killed_best
-#}
{% test low_le_best(model, column_name, best_column) %}

with

checked as (

    select
        {{ column_name }} as low_value,
        {{ best_column }} as best_value

    from {{ model }}

),

final as (

    select * from checked
    where low_value > best_value

)

select * from final

{% endtest %}
