// Escaping for the HTML report (`--format html`), shared by its renderer
// (report/html.cc) and by the CLI's built-in topology drawing, which writes
// SVG text into the same page.
#ifndef ROUTELINT_REPORT_HTML_H_
#define ROUTELINT_REPORT_HTML_H_

#include <string>
#include <string_view>

namespace routelint {

/// Text for HTML element content or a quoted attribute value: & < > " '
/// become entities; control characters and bytes that are no UTF-8 become
/// visible escapes (\n, \x1b, \xff) as in the text format, so a hostile
/// template name can neither open an element nor break the page's encoding.
std::string EscapeHtml(std::string_view text);

/// A JSON document made safe to sit inside <script type="application/json">:
/// '<', '>' and '&' become \u escapes (valid only inside JSON strings, which
/// is the only place JSON allows them), so no "</script>" can end the
/// element early, and U+2028/U+2029 become \u2028/\u2029.
std::string JsonForScriptElement(std::string_view json);

}  // namespace routelint

#endif  // ROUTELINT_REPORT_HTML_H_
