# Pictures in articles ([[articles.images]]).

image-what-path = `path`
image-problem = `{ $path }` { $why }
image-after = after = { $value }, but the article has { $paragraphs } { $paragraphs ->
        [one] paragraph
       *[other] paragraphs
    }: name one from 1 to { $paragraphs }, or leave `after` out to place the image after the body
image-height = height { $why }
image-caption-empty = the caption is empty: leave `caption` out for none
image-does-not-exist = does not exist: check the file name (paths are relative to the folder of bulletin.toml)
image-outside = leads outside the publication folder (through a link): copy the image into the folder instead
image-not-a-file = is not a file: name an image file
image-cannot-read = cannot be read: { $error }
image-svg-damaged = is a damaged SVG drawing (its XML breaks at byte { $at }): save it again
image-svg-cannot-draw = is an SVG drawing that cannot be drawn ({ $error }): export it again from the drawing program
image-other-format = is a { $format } image: save it as JPEG or PNG (or use an SVG drawing)
image-not-a-picture = is not a JPEG, PNG or SVG image
image-damaged = looks like a { $format } image but cannot be read: the file is damaged; save it again
image-cut-short = is a { $format } image that is cut short (damaged): copy or save it again
image-no-pixels = has no pixels
image-height-unit = "{ $value }" needs a unit: write it like "60mm", "6cm" or "170pt"
image-height-not-a-length = "{ $value }" is not a length like "60mm"
image-height-type = must be a length like "60mm"
image-height-range = must be more than 0 and at most the text block's 225mm (here { $mm }mm)
