"""The blank date messages and documents quote : the blanks a clerk fills in by hand."""

# A date left for the clerk to write by hand after printing (成文日期 without --date): full-width
# spaces hold the places of the figures. BLANK_MONTH_DAY follows a known year (2024年　　月　　日).
BLANK_MONTH_DAY = "　　月　　日"
BLANK_DATE = "　　年" + BLANK_MONTH_DAY
# The 宣传方案 (generator.publicity.scheme) has always left its blank with ASCII spaces.
BLANK_DATE_ASCII = "    年  月  日"
