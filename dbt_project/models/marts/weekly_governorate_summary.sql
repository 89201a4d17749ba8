-- Grain: one row per governorate and week (period_start) with at least one incident dated to the day:
-- incidents, strikes, killed and injured (low and best), as the daily marts count them, summed over
-- the week (macros/period_summary.sql).

{{ period_summary('week', 'governorate') }}
