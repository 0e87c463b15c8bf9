# Punctuation in Chinese text (check, check --fix, import --fix).

lint-mark-comma = comma
lint-mark-colon = colon
lint-mark-semicolon = semicolon
lint-mark-question = question mark
lint-mark-exclamation = exclamation mark
lint-mark-opening-parenthesis = opening parenthesis
lint-mark-closing-parenthesis = closing parenthesis
lint-ellipsis = "{ $typed }" as an ellipsis in Chinese text: use "……" (two "…")
lint-single-ellipsis = a single "…" in Chinese text: use "……" (the Chinese ellipsis is two of them)
lint-doubled = doubled punctuation "{ $typed }": type it once, "{ $mark }"
lint-straight-quote = straight quote { $typed } in Chinese text: use the Chinese { $which ->
        [opening] opening
       *[closing] closing
    } quote { $curly }
lint-unpaired-quote = unpaired straight quote { $typed } in Chinese text: use the Chinese { $which ->
        [opening] opening
       *[closing] closing
    } quote { $curly } (and check where its partner should be)
lint-no-space-before = {" "}with no space before it
lint-no-space-after = {" "}with no space after it
lint-no-space-around = {" "}with no space around it
lint-doubled-mark = doubled { $name } "{ $typed }" in Chinese text: use one "{ $full }"{ $spaces }
lint-half-width-partner = half-width { $name } "{ $typed }" pairs with a Chinese parenthesis: use "{ $full }"{ $spaces }
lint-half-width = half-width { $name } "{ $typed }" next to Chinese text: use "{ $full }"{ $spaces }
lint-blanks = { $kind ->
        [tab] { $count ->
            [one] tab
           *[other] { $count } tabs
        }
        [mixed] { $count } spaces and tabs
       *[space] { $count ->
            [one] space
           *[other] { $count } spaces
        }
    }
lint-space-in-list = { $what } between "{ $before }" and "{ $after }": { $list ->
        [names] names
       *[recipients] recipients
    } are separated by a full-width space, use one "　"
lint-space-between = { $what } between "{ $before }" and "{ $after }" in Chinese text: delete { $count ->
        [one] it
       *[other] them
    }
lint-mark-full-stop = full stop
