// fazhi: the command-line client of the archive, and the offline extractor.
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"

namespace fazhi::cli {
namespace {

constexpr Command kCommands[] = {
    {"ingest", "ingest PATH...            archive files (folders recursively)", RunIngest},
    {"get", "get reports/{id}          show one report", RunGet},
    {"list", "list [--filter F] [--all]  list reports", RunList},
    {"search", "search PHRASE [--filter F] find reports containing a phrase", RunSearch},
    {"facets", "facets [--filter F]        report counts by province, level, year, kind", RunFacets},
    {"indicators", "indicators series ID CODE | compare ID [--year Y] [--filter F] [--desc]",
     RunIndicators},
    {"export", "export --out FILE [--content reports|indicators] [--format csv|jsonl] [--filter F]",
     RunExport},
    {"extract", "extract PATH... [--format eval-json]  extract offline, no server (folders too)", RunExtract},
    {"eval", "eval --docs DIR --gold DIR  score the extractor on annotated reports", RunEval},
    {"reextract", "reextract [--all]          rebuild records whose extractor or indicators changed",
     RunReextract},
    {"jobs", "jobs [--state dead] [--all]  extraction jobs with attempts and last error", RunJobs},
    {"requeue", "requeue reports/{id}... | --state dead  make jobs due again", RunRequeue},
    {"health", "health [--addr HOST:PORT]  health of the services (exit 1 unless all serve)",
     RunHealth},
    {"wait-ready", "wait-ready [--timeout S]   wait until the services are serving", RunWaitReady},
    {"wait-extracted", "wait-extracted [--timeout S]  wait until no report is pending",
     RunWaitExtracted},
};

void PrintUsage(std::ostream& out) {
  out << "usage: fazhi [--ingestion-addr A] [--query-addr A] ... COMMAND [ARGS]\n\ncommands:\n";
  for (const Command& command : kCommands) out << "  " << command.usage << "\n";
  out << "\nCommands print a table by default and JSON with --format json.\n\n"
      << Settings::HelpText();
}

int Main(int argc, char** argv) {
  Settings settings = Settings::FromEnvironment();
  std::vector<std::string> rest;
  // Global settings come before the command (as --name=value or --name value); the command's
  // own options after it.
  std::vector<char*> global = {argv[0]};
  static char kInsecureTokenOn[] = "--insecure-token=1";
  int command_at = 1;
  while (command_at < argc && std::string_view(argv[command_at]).rfind("--", 0) == 0 &&
         std::string_view(argv[command_at]) != "--help") {
    std::string_view flag = argv[command_at++];
    if (flag == "--insecure-token") {  // the one global flag without a value
      global.push_back(kInsecureTokenOn);
      continue;
    }
    global.push_back(argv[command_at - 1]);
    if (flag.find('=') == std::string_view::npos && Settings::IsFlag(flag) && command_at < argc) {
      global.push_back(argv[command_at++]);  // its value, after a space
    }
  }
  if (absl::Status parsed = settings.ApplyCommandLine(static_cast<int>(global.size()), global.data());
      !parsed.ok()) {
    std::cerr << "fazhi: " << parsed.message() << "\n";
    return 2;
  }
  absl::StatusOr<security::ChannelSecurity> channel_security =
      security::ChannelSecurityFromSettings(settings, kToken);
  if (!channel_security.ok()) {
    std::cerr << "fazhi: " << channel_security.status().message() << "\n";
    return 2;
  }
  if (!channel_security->token.empty() && channel_security->tls_root_cert.empty() &&
      settings.Get(kInsecureToken) != "1") {
    std::cerr << "fazhi: refusing to send FAZHI_TOKEN without TLS, where anyone on the path can "
                 "read it: set FAZHI_TLS_CA to the services' CA certificate, or pass "
                 "--insecure-token (FAZHI_INSECURE_TOKEN=1) for services on this machine\n";
    return 2;
  }
  SetChannelSecurity(*std::move(channel_security));
  if (command_at >= argc || std::string_view(argv[command_at]) == "--help" ||
      std::string_view(argv[command_at]) == "help") {
    PrintUsage(command_at >= argc ? std::cerr : std::cout);
    return command_at >= argc ? 2 : 0;
  }
  std::string_view name = argv[command_at];
  for (const Command& command : kCommands) {
    if (command.name == name) {
      return command.run(settings, Args(argv + command_at + 1, argv + argc));
    }
  }
  std::cerr << "fazhi: unknown command '" << name << "'\n\n";
  PrintUsage(std::cerr);
  return 2;
}

}  // namespace
}  // namespace fazhi::cli

int main(int argc, char** argv) { return fazhi::cli::Main(argc, argv); }
