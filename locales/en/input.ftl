# Reading bulletin.toml and issues/<total>.toml: syntax, keys, values, numbering.

input-cannot-read = cannot read this file: { $error }
input-not-utf8 = this file is not UTF-8 text: save it as UTF-8 (in most editors: Save As, encoding UTF-8)
input-straight-quote = the straight quote " just before this ends the text early: inside a text, type Chinese quotes “ ” (or \" for a straight quote)
input-wrong-type = wrong type: { $found }, expected { $expected }
input-unknown-key = unknown key `{ $key }`, expected one of { $allowed } (check the spelling; see docs/input-format.md for every key)
input-unknown-key-none = unknown key `{ $key }`: nothing may be written here (check the spelling; see docs/input-format.md for every key)
input-missing-key = missing key `{ $key }`
input-duplicate-key = duplicate key
input-control-character = { $what }: the control character { $code } cannot be printed: delete it (it usually comes from pasting)

kind-found-text = a text
kind-found-whole-number = a whole number
kind-found-decimal = a decimal number
kind-found-boolean = true or false
kind-found-list = a list [...]
kind-found-table = a table
kind-expected-whole-number = a whole number
kind-expected-text = a text in quotes
kind-expected-boolean = true or false
kind-expected-list = a list [...]
kind-expected-table = a table
kind-expected-date = a date like 2023-08-11, without quotes

# TOML's own syntax errors. English users see TOML's words; these are the
# same in plain English, kept so that both catalogues hold the same keys.
toml-expected = { $what }, expected { $expected }
toml-expected-clause = { $what }, expected { $expected }
toml-other = { $details }
toml-between = { $unit } between { $from } and { $to }
toml-underscore = `_` may only go between digits
toml-too-deep = cannot recurse further; max recursion depth met
toml-carriage-return = carriage return must be followed by newline
toml-extra-equals = extra `=`
toml-extra-assignment = extra assignment between key-value pairs
toml-extra-comma-array = extra comma in array
toml-extra-comma-table = extra comma in inline table
toml-signed-radix = integers with a radix cannot be signed
toml-invalid-comment-character = invalid comment character
toml-invalid-inline-table-element = invalid inline table element
toml-invalid-key-value = invalid key-value pair
toml-invalid-unquoted-key = invalid unquoted key
toml-invalid-value = invalid value
toml-key-without-value = key with no value
toml-multiline-key = keys cannot be multi-line strings
toml-missing-array-open = missing array opening
toml-missing-assignment = missing assignment between key-value pairs
toml-missing-comma-array = missing comma between array elements
toml-missing-comma-table = missing comma between key-value pairs
toml-missing-comment-start = missing comment start
toml-missing-escape = missing escaped value
toml-missing-inline-table-open = missing inline table opening
toml-missing-inline-key = missing key for inline table element
toml-missing-opening-quote = missing opening quote
toml-missing-table-open = missing table open
toml-missing-value = missing value
toml-radix-lowercase = radix must be lowercase
toml-redundant-prefix = redundant integer number prefix
toml-redundant-sign = redundant numeric sign
toml-unquoted-string = string values must be quoted
toml-short-unicode = too few unicode value digits
toml-unclosed-array-table = unclosed array table
toml-unclosed-array = unclosed array
toml-unclosed-inline-table = unclosed inline table
toml-unclosed-table = unclosed table
toml-equals-in-array = unexpected `=` in array
toml-after-comment = unexpected content between comment and newline
toml-unexpected-content = unexpected content
toml-unexpected-key-or-value = unexpected key or value
toml-leading-zero = unexpected leading zero
toml-unexpected-sign = unexpected sign
toml-empty-key = unquoted keys cannot be empty
toml-invalid-basic-string = invalid basic string
toml-invalid-multiline-basic-string = invalid multi-line basic string
toml-invalid-literal-string = invalid literal string
toml-invalid-multiline-literal-string = invalid multi-line literal string
toml-invalid-string = invalid string
toml-invalid-key = invalid key
toml-invalid-table = invalid table
toml-invalid-date-time = invalid date-time
toml-invalid-date = invalid date
toml-invalid-time = invalid time
toml-invalid-number = invalid number
toml-invalid-boolean = invalid boolean
toml-number-too-large = integer number overflowed
toml-a-newline = newline
toml-nothing = nothing
toml-a-key = key
toml-a-value = value
toml-digits = digits
toml-letters = letters
toml-characters = characters
toml-a-string = string
toml-a-unicode-value = unicode hexadecimal value
toml-year-or-hour = year or hour
toml-unit-year = year
toml-unit-month = month
toml-unit-day = day
toml-unit-hour = hour
toml-unit-minute = minute
toml-unit-second = second
toml-unit-nanosecond = nanosecond
toml-four-digit-year = a four-digit year (YYYY)
toml-two-digit-month = a two-digit month (MM)
toml-two-digit-day = a two-digit day (DD)
toml-two-digit-hour = a two-digit hour (HH)
toml-two-digit-minute = a two-digit minute (MM)
toml-two-digit-second = a two-digit second (SS)
toml-t-between-date-and-time = `T` between date and time
toml-dash-or-colon = `-` (YYYY-MM) or `:` (HH:MM)

# bulletin.toml
config-missing = no bulletin.toml here: run bulletin in a publication folder, or name one with -C DIR
config-name-too-long = name has { $count } characters: a masthead holds at most { $max }; write the publication's name only
config-cadence-days = cadence_days must be a number of days from 1 to 366
config-lang = lang must be "zh" (Chinese messages) or "en" (English messages)
config-red = red must be a colour like "#E60012"
config-what-layout-file = the layout file
config-layout-outside = layout file `{ $path }` leads outside the publication folder (through a link): copy the layout into the folder instead
config-layout-missing = layout file `{ $path }` does not exist: correct the path, or remove `file` to use the built-in layout
config-font-folder-missing = font folder `{ $path }` does not exist or is not a folder: correct it, or remove it from [fonts] paths
config-empty = { $key } must not be empty
config-issue-line-placeholders = issue_line may only use the placeholders {"{"}year{"}"}, {"{"}number{"}"} and {"{"}total{"}"}
config-path-inside = { $what } must be a path inside the publication folder, like "{ $example }"

# An issue
issue-total-not-file-name = total is { $total } but the file is named { $name }.toml: they must be the same number
issue-file-name-not-total = the file name must be the issue's total number, e.g. issues/{ $total }.toml
issue-year-impossible = the year { $year } cannot be right: check the date
issue-date-not-a-day = date must be a real calendar date without a time, like 2023-08-11
issue-year-not-the-dates = year { $year } does not match the date { $date }: leave year out, or set it to { $right }
issue-no-articles = an issue needs at least one [[articles]]
issue-not-positive = { $key } must be a whole number from 1 up
issue-title-empty = the title is empty
issue-body-empty = the body is empty: write at least one paragraph
issue-section-empty = section is empty: leave the key out for no section
issue-section-split = section 【{ $name }】 already had its run of articles further up: move this article next to the others of 【{ $name }】
issue-contents-empty = the contents entry is empty: write the entry, or contents = false to leave the article out of the contents
issue-contents-type = contents must be a text (the entry in the contents summary) or false (not listed)
issue-source-empty = source is empty: leave the key out for no attribution
issue-note-empty = the note is empty: leave `note` out for none

# The series of issues: numbering, dates, years
series-named = 总第{ $total }期 ({ $path })
series-date-not-a-day = date must be a calendar date without a time, like 2023-08-11
series-total-twice = 总第{ $total }期 is also { $other }: every issue needs a total of its own; this one should probably be { $next }
series-one-missing = 总第{ $total }期 is missing
series-several-missing = 总第{ $first }–{ $last }期 are missing
series-gap = { $missing }: the issue before 总第{ $total }期 is { $previous }; number the issues without gaps
series-number-does-not-follow = 第{ $number }期 does not follow { $previous }, which is { $year }年第{ $previous_number }期: this issue should be 第{ $expected }期
series-new-year = the first issue of { $year } should be 第1期, not 第{ $number }期 (the issue before, { $previous }, is of { $previous_year })
series-new-year-after-gap = after { $missing } missing issue(s), this issue of { $year } should be 第1期 to 第{ $last }期, not 第{ $number }期 (the issue before, { $previous }, is of { $previous_year })
series-or-late-issue = ; or, if this is a late issue of { $year }, add `year = { $year }`
series-year-back = this issue counts in { $year } but { $previous } already counts in { $previous_year }: years cannot go back
series-date-not-after = the date { $date } is not after the date of { $previous } ({ $previous_date }): dates must move forward from issue to issue
series-year-not-the-dates = year { $year } does not match the date { $date }: leave year out, or set it to { $right } (an issue dated early in a new year may keep last year's only when it continues last year's numbering)
