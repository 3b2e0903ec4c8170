#include "common/metrics/registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"

namespace fazhi::metrics {
namespace {

bool IsNameChar(char c, bool first, bool colon_allowed) {
  bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  if (colon_allowed && c == ':') return true;
  return letter || (!first && c >= '0' && c <= '9');
}

bool IsValidName(std::string_view name, bool colon_allowed) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i], i == 0, colon_allowed)) return false;
  }
  return true;
}

// Registration mistakes are bugs in the calling code, found by the first test that runs it.
[[noreturn]] void Misuse(std::string_view what, std::string_view name) {
  std::fprintf(stderr, "metrics: %.*s: '%.*s'\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(name.size()), name.data());
  std::abort();
}

std::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

// `{a="x",b="y"}`, with `extra` (e.g. le="0.5") last; empty when there are no labels.
std::string RenderLabels(const Labels& labels, std::string_view extra_name = {},
                         std::string_view extra_value = {}) {
  if (labels.empty() && extra_name.empty()) return "";
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) out += ',';
    absl::StrAppend(&out, name, "=\"", EscapeLabelValue(value), "\"");
  }
  if (!extra_name.empty()) {
    if (out.size() > 1) out += ',';
    absl::StrAppend(&out, Absl(extra_name), "=\"", Absl(extra_value), "\"");
  }
  out += '}';
  return out;
}

// One series as read under the registry's lock; callbacks are called after it is released.
struct SeriesView {
  Labels labels;
  double value = 0;
  std::function<double()> read;
  Histogram::Snapshot histogram;
};

struct FamilyView {
  std::string name;
  MetricType type;
  std::string help;
  std::vector<SeriesView> series;
};

void RenderFamily(const FamilyView& family, std::string* out) {
  absl::StrAppend(out, "# HELP ", family.name, " ", EscapeHelp(family.help), "\n");
  absl::StrAppend(out, "# TYPE ", family.name, " ", Absl(TypeName(family.type)), "\n");
  for (const SeriesView& series : family.series) {
    if (family.type != MetricType::kHistogram) {
      double value = series.read ? series.read() : series.value;
      absl::StrAppend(out, family.name, RenderLabels(series.labels), " ", FormatValue(value), "\n");
      continue;
    }
    const Histogram::Snapshot& snapshot = series.histogram;
    for (size_t i = 0; i < snapshot.cumulative.size(); ++i) {
      std::string le = i < snapshot.bounds.size() ? FormatValue(snapshot.bounds[i]) : "+Inf";
      absl::StrAppend(out, family.name, "_bucket", RenderLabels(series.labels, "le", le), " ",
                      snapshot.cumulative[i], "\n");
    }
    std::string labels = RenderLabels(series.labels);
    absl::StrAppend(out, family.name, "_sum", labels, " ", FormatValue(snapshot.sum), "\n");
    absl::StrAppend(out, family.name, "_count", labels, " ", snapshot.cumulative.back(), "\n");
  }
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string EscapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    return absl::StrCat(static_cast<int64_t>(value));
  }
  // The shortest form that reads back as the same double (17 digits always do).
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

std::vector<double> LatencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      counts_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double value) {
  size_t bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot snapshot;
  snapshot.bounds = bounds_;
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    snapshot.cumulative.push_back(running);
  }
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

Registry& Registry::Default() {
  static Registry* registry = new Registry();  // never destroyed: threads may still count at exit
  return *registry;
}

Registry::Series* Registry::GetSeries(MetricType type, std::string_view name, std::string_view help,
                                      const Labels& labels, std::vector<double> bounds) {
  if (!IsValidName(name, /*colon_allowed=*/true)) Misuse("bad metric name", name);
  Labels sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [label, value] : sorted) {
    if (!IsValidName(label, false) || label.rfind("__", 0) == 0) Misuse("bad label name", label);
    if (type == MetricType::kHistogram && label == "le") Misuse("histogram label 'le'", name);
  }
  if (type == MetricType::kHistogram && !std::is_sorted(bounds.begin(), bounds.end())) {
    Misuse("histogram bounds not ascending", name);
  }
  absl::MutexLock lock(&mutex_);
  auto it = families_.find(name);
  if (it == families_.end()) {
    it =
        families_.emplace(std::string(name), Family{type, std::string(help), std::move(bounds), {}})
            .first;
  } else if (it->second.type != type) {
    Misuse("metric registered with another type", name);
  }
  std::unique_ptr<Series>& series = it->second.series[sorted];
  if (series == nullptr) {
    series = std::make_unique<Series>();
    if (type == MetricType::kHistogram)
      series->histogram = std::make_unique<Histogram>(it->second.bounds);
  }
  return series.get();
}

Counter* Registry::GetCounter(std::string_view name, std::string_view help, const Labels& labels) {
  return &GetSeries(MetricType::kCounter, name, help, labels, {})->counter;
}

Gauge* Registry::GetGauge(std::string_view name, std::string_view help, const Labels& labels) {
  return &GetSeries(MetricType::kGauge, name, help, labels, {})->gauge;
}

Histogram* Registry::GetHistogram(std::string_view name, std::string_view help,
                                  std::vector<double> bounds, const Labels& labels) {
  return GetSeries(MetricType::kHistogram, name, help, labels, std::move(bounds))->histogram.get();
}

void Registry::SetCallback(MetricType type, std::string_view name, std::string_view help,
                           const Labels& labels, std::function<double()> read) {
  if (type == MetricType::kHistogram) Misuse("callback histogram", name);
  Series* series = GetSeries(type, name, help, labels, {});
  absl::MutexLock lock(&mutex_);
  series->read = std::move(read);
}

void Registry::AddCollector(std::function<void()> collect) {
  absl::MutexLock lock(&mutex_);
  collectors_.push_back(std::move(collect));
}

std::string Registry::Render() const {
  std::vector<std::function<void()>> collectors;
  {
    absl::MutexLock lock(&mutex_);
    collectors = collectors_;
  }
  for (const auto& collect : collectors) collect();

  std::vector<FamilyView> families;
  {
    absl::MutexLock lock(&mutex_);
    for (const auto& [name, family] : families_) {
      FamilyView view{name, family.type, family.help, {}};
      for (const auto& [labels, series] : family.series) {
        SeriesView& entry = view.series.emplace_back();
        entry.labels = labels;
        entry.read = series->read;
        if (family.type == MetricType::kCounter) entry.value = series->counter.Value();
        if (family.type == MetricType::kGauge) entry.value = series->gauge.Value();
        if (family.type == MetricType::kHistogram) entry.histogram = series->histogram->Read();
      }
      families.push_back(std::move(view));
    }
  }
  std::string out;
  for (const FamilyView& family : families) RenderFamily(family, &out);
  return out;
}

}  // namespace fazhi::metrics
