# Answers to form fields: what was wrong and how to write it right.
# Each message names the problem and shows an example; buttons of fields are at the end.

field-error-empty = The answer is empty. Type it in.
field-error-required =
    This question is required, so the request can't be sent without it.
    If you don't know exactly, write what you know, for example: "about 50 people, will confirm by Friday".
field-error-too-long =
    Too long: { $length } { $length ->
        [one] character
       *[other] characters
    }, the limit is { $max }.
field-error-too-short =
    Too short: { $length } { $length ->
        [one] character
       *[other] characters
    }, at least { $min } needed.
field-error-no-letters = The answer has no letters or digits, only symbols or emoji.
field-error-not-a-number = "{ $value }" is not a number. Use digits, short forms are fine, for example: 1 500 000, 1.5m or 300k.
field-error-not-whole = A whole number is needed, and "{ $value }" has a fraction. For example: 45.
field-error-number-too-small = The number is too small: the minimum is { $min }. For example: { $min } or more.
field-error-number-too-large = The number is too large: the maximum is { $max }. Check the zeros, for example: 150 000.
field-error-bad-phone = "{ $value }" doesn't look like a phone number. Include the country code, for example: +7 912 345-67-89 or +44 20 7946 0958.
field-error-bad-email = "{ $value }" doesn't look like an email address. It should be name@domain, for example: john@northwind.com.
field-error-bad-url = "{ $value }" doesn't look like a website address. For example: northwind.com or https://northwind.com/catalog.
field-error-unknown-option = There is no such option. Press one of the buttons or type an option, for example: { $options }.
field-error-too-many-options =
    You can choose at most { $max } { $max ->
        [one] option
       *[other] options
    }.
    Untick the extra ones by pressing them again, for example keep only the most important.
field-error-nothing-ticked = No option is ticked. Press the ones that fit so they show ✅, then press "Done".
field-error-bad-yes-no = I didn't get that. Press a button or type "yes" or "no".
field-error-bad-date = I couldn't read the date. Try, for example: 25.12, tomorrow, in 3 days or friday.
field-error-bad-time = That time doesn't exist. Write hours and minutes, for example: 16:00, 4pm or 9:30am.
field-error-needs-time = A time is needed as well as the date. Add it, for example: "tomorrow 4pm" or "25.12 10:30".
field-error-date-in-past = That date has already passed; a future one is needed. For example: "in a week" or "next monday".
field-error-bad-year-range = "{ $value }" doesn't look like a model year. Write a year or a range, for example: 2021 or 2019-2022.
field-error-year-out-of-range = The year must be between { $min } and { $max }. For example: { $min }-{ $max } or a single year in that range.
field-error-send-file = A file or photo is needed here, not text. Attach it with the paperclip 📎 — for example a photo of the part with its number — then press "Done".
field-error-wrong-attachment =
    { $kind ->
        [photo] A photo is needed here, not a file. Send the picture as a photo, for example a shot of the part with its number.
       *[document] A document is needed here, not a photo. Send a file, for example a PDF with company details or an Excel sheet.
    }
field-error-too-few-attachments =
    { $count } attached, at least { $min } { $min ->
        [one] is
       *[other] are
    } needed. Add more, for example photos of the part from two sides.
field-error-too-many-attachments =
    At most { $max } { $max ->
        [one] attachment
       *[other] attachments
    } allowed, so this one wasn't saved. Pick the clearest ones, for example 3 photos from different sides.

# The example after a refused text answer, when its question has no hint of its own.
field-example-empty = For example: "Warehouse and retail, 40 staff".
field-example-too-long = Keep the essentials, for example: "Stock for three warehouses, linked to the website".
field-example-too-short = Write it in full, for example: "Northwind" or "John Smith".
field-example-no-letters = Use words, for example: "John Smith".

field-quick-today = Today
field-quick-tomorrow = Tomorrow
field-quick-next-week = Next week
field-button-yes = Yes
field-button-no = No
field-button-other = Other — I'll type it
