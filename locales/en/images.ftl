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
image-not-regular = is not a regular file (a pipe or a device): name an image file
image-file-too-large = is { $mb } MB: a picture may be at most { $max } MB; save a smaller copy for print
image-too-many-pixels = is { $width } × { $height } pixels: a picture may have at most { $max_pixels } pixels and { $max_side } pixels a side (an A4 page at 600 dpi is 35 million): save a smaller copy for print
image-svg-not-text = is an SVG drawing that is not UTF-8 text: export it again from the drawing program
image-svg-too-many-elements = is an SVG drawing of more than { $max } elements: simplify it, or export it as PNG
image-svg-too-deep = is an SVG drawing whose elements nest more than { $max } deep: export it again from the drawing program
image-svg-uses = is an SVG drawing whose <use> copies add up to more than { $max } elements: simplify it, or export it as PNG
image-svg-entities = is an SVG drawing whose entities would expand to more than { $max } characters (an "XML bomb"): export it again from the drawing program
image-svg-entity-unsupported = is an SVG drawing with entity declarations bulletin does not read (parameter entities, or entities nested too deep): export it again from the drawing program
image-svg-size = is an SVG drawing { $width } × { $height } units large: at most { $max } a side; export it again from the drawing program
image-svg-nested = is an SVG drawing with drawings nested more than { $max } deep inside it: export it as one drawing
image-svg-link = is an SVG drawing that links to "{ $link }", which { $why }
image-link-absolute = is an absolute path: a drawing may only link to pictures inside the publication folder, by a path from the drawing's own folder
image-link-outside = leads outside the publication folder: copy the linked picture into the folder, beside the drawing
image-link-not-a-file = is not a file of the publication (a web address?): embed the picture in the drawing, or copy it into the folder
image-link-missing = does not exist: copy the linked picture beside the drawing, or embed it
image-link-not-picture = is not a PNG, JPEG, GIF, WebP or SVG picture
image-svg-text = is an SVG drawing with more than { $max } characters of text (its <use> copies counted): shorten the text, or export it as PNG
image-svg-filters = is an SVG drawing whose filter effects (blur, shadow …) would be rendered to more than { $max_pixels } pixels: remove effects, or export it as PNG
image-svg-pictures-pixels = is an SVG drawing whose pictures add up to more than { $max_pixels } pixels (each link and copy counted): link fewer or smaller pictures, or export it as PNG
image-svg-pictures-bytes = is an SVG drawing whose pictures add up to more than { $max } MB (each link and copy counted): link fewer or smaller pictures, or export it as PNG
image-link-drawing = is a drawing itself (SVG or PDF): Typst shows no drawing inside a drawing; export the linked one as PNG, or embed it
image-link-misnamed = is a { $format } picture under a { $named } name, which Typst would not show: rename it with the ending of a { $format } file
image-too-deep = is { $width } × { $height } pixels of 16 bits a channel: decoded, it takes { $mb } MB, and a picture may take at most { $max_mb } MB: save it with 8 bits a channel (print uses 8), or as a smaller copy
image-issue-too-many-pixels = with the pictures before it, the issue's pictures add up to { $total } pixels, more than the { $max } that the pictures of one issue may have together: save smaller copies for print (a 16 × 10 cm photo at 300 dpi is 2.2 million pixels)
