-- Every fiscal year of the nine southwest sectors under one measure (exact: sum of its months; OHSS: its own annual figure, rounded to 10), for a fixed colour scale and a sector's year-by-year chart; partial = fewer than 12 months in the source.
SELECT sector,
       fiscal_year,
       sum(encounters)::BIGINT AS encounters,
       count(DISTINCT date)::INTEGER AS months_covered,
       count(DISTINCT date) < 12 AS partial
FROM encounters
WHERE measure = $measure
  AND measure = 'usbp_apprehensions'
  AND region = 'Southwest Land Border'
  AND NOT is_total
GROUP BY sector, fiscal_year
UNION ALL
SELECT sector, fiscal_year, encounters::BIGINT, months_covered, partial
FROM encounters_annual
WHERE measure = $measure
  AND region = 'Southwest Land Border'
  AND NOT is_total
ORDER BY sector, fiscal_year
