// Output format names and dispatch to the renderers.
#include <string>
#include <string_view>

#include "report/report.h"

namespace routelint {

bool ParseOutputFormat(std::string_view text, OutputFormat* out) {
  if (text == "text") *out = OutputFormat::kText;
  else if (text == "json") *out = OutputFormat::kJson;
  else if (text == "sarif") *out = OutputFormat::kSarif;
  else if (text == "github") *out = OutputFormat::kGithub;
  else if (text == "markdown") *out = OutputFormat::kMarkdown;
  else if (text == "html") *out = OutputFormat::kHtml;
  else return false;
  return true;
}

std::string Render(const Report& report, OutputFormat format, const TextOptions& options) {
  switch (format) {
    case OutputFormat::kText: return RenderText(report, options);
    case OutputFormat::kJson: return RenderJson(report);
    case OutputFormat::kSarif: return RenderSarif(report);
    case OutputFormat::kGithub: return RenderGithub(report);
    case OutputFormat::kMarkdown: return RenderMarkdown(report, options.diagram);
    case OutputFormat::kHtml: return RenderHtml(report, options.html);
  }
  return RenderText(report, options);
}

void RenderTo(const Report& report, OutputFormat format, const TextOptions& options, const TextSink& sink) {
  switch (format) {
    case OutputFormat::kJson: return RenderJsonTo(report, sink);
    case OutputFormat::kSarif: return RenderSarifTo(report, sink);
    default: return sink(Render(report, format, options));
  }
}

}  // namespace routelint
