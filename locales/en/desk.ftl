# The editors' desk in the browser (bulletin serve): the server's messages,
# the edits it makes, and the words of the desk itself.

edit-not-toml = the issue file is not valid TOML ({ $error }): correct it in a text editor first (bulletin check tells where)
edit-articles-not-tables = the articles of this file are not written as [[articles]] tables, so the desk cannot change them: edit the file in a text editor
edit-images-not-tables = the pictures of article { $n } are not written as [[articles.images]] tables, so the desk cannot change them: edit the file in a text editor
edit-no-article = there is no article { $n } (any more): reload the desk
edit-no-image = article { $n } has no picture { $k } (any more): reload the desk
edit-unknown-key = the desk does not know the key “{ $key }”
edit-wrong-value = this is not a value “{ $key }” can take
edit-required = “{ $key }” must stay: give it a value instead
edit-not-one-article = the text to put back is not one [[articles]] block
edit-text-changed = the text this fix was made for has changed meanwhile: check again
