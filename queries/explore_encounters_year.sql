-- Border Patrol figures for fiscal year $fiscal_year in the sectors $sectors: exact monthly apprehensions (summed, with months present) and OHSS rounded annual encounters.
SELECT sector, measure, sum(encounters) AS encounters, count(*) AS months, NULL::BOOLEAN AS partial
FROM encounters
WHERE list_contains(CAST($sectors AS VARCHAR[]), sector)
  AND fiscal_year = CAST($fiscal_year AS INTEGER)
  AND measure = 'usbp_apprehensions'
GROUP BY sector, measure
UNION ALL
SELECT sector, measure, encounters, months_covered AS months, partial
FROM encounters_annual
WHERE list_contains(CAST($sectors AS VARCHAR[]), sector)
  AND fiscal_year = CAST($fiscal_year AS INTEGER)
ORDER BY measure, sector
