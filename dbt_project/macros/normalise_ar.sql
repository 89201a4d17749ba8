{#-
    Arabic text normalised for matching word lists (the seeds of suspect_incidents): diacritics and
    tatweel removed, alef forms (أ إ آ ٱ) to ا, alef maqsura to ي, ta marbuta to ه, Arabic-Indic
    digits to ASCII. The same folding as extract/text.py, in SQL; the seeds are written folded.
-#}
{% macro normalise_ar(expr) -%}
    translate(
        regexp_replace(coalesce({{ expr }}, ''), '[\x{064B}-\x{0652}\x{0640}\x{0670}]', '', 'g'),
        'أإآٱىة٠١٢٣٤٥٦٧٨٩',
        'اااايه0123456789'
    )
{%- endmacro %}
