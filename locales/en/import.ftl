# Reading contributions (.docx, .txt) for bulletin import.

import-not-docx = not a Word document (.docx): { $why }; save it as .docx (Word 2007 or later) or as plain text
import-encrypted = it is an old Word document (.doc) or protected with a password: open it in Word and save it as .docx without a password
import-empty = it holds no text to print (no paragraph besides a title)
import-encoding = it is neither UTF-8 nor GB18030 text: save it as UTF-8
import-kind = files of this kind cannot be imported: give a .docx or a .txt file (an old .doc: open it in Word or WPS and save it as .docx)
import-cut-character = the file ends inside a character (byte { $at }): its last bytes were left out
import-read-as-gb18030 = not UTF-8 (from byte { $at }): read as GB18030; check that the text reads right
import-left-out-before-title = left out what stood before the title: "{ $text }"
import-left-out-picture-before-title = left out a picture before the title ({ $name }): add it by hand
import-no-title = no title was recognised (no heading style, no short centred or bold first paragraph): the file name "{ $name }" is used; correct it
import-docx-not-zip = it is not a zip archive
import-docx-no-document = it has no word/document.xml
import-docx-not-utf8 = its document.xml is not UTF-8
import-docx-picture-missing = a picture ({ $target }) is missing from the document and was left out
import-docx-unreadable = its document.xml cannot be read ({ $error })
import-docx-tables = { $count } table(s) were turned into paragraphs, a paragraph per cell: check them
import-left-out-dateline = left out the date line under the title: "{ $text }" (the issue has its own date)
import-docx-part-too-large = its { $part } unpacks to more than { $max } MB, far more than a contribution holds (a damaged file, or a zip bomb): open it in Word and save it again, or split it
import-text-too-large = it is more than { $max } MB of text, far more than a contribution holds: split it into several files
import-docx-picture-too-large = a picture ({ $target }) unpacks to more than { $max } MB and was left out: add a smaller copy as [[articles.images]]
import-docx-pictures-too-large = the document's parts unpack to more than { $max } MB together, so { $count } picture(s) from { $first } on were left out: add smaller copies as [[articles.images]]
