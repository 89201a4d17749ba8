{#- The position of `expr` in `values` (0-based; len(values) when absent): orders reasons as listed. -#}
{% macro reason_rank(expr, values) -%}
    case {{ expr }}
    {%- for value in values %} when '{{ value }}' then {{ loop.index0 }}{% endfor %}
    else {{ values | length }} end
{%- endmacro %}
