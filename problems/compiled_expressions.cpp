#include "problems/compiled_expressions.hpp"

#include <muParser.h>

#include <cctype>
#include <regex>

#include "core/error.hpp"
#include "core/options.hpp"

namespace hj {
namespace detail {

class ExpressionParsers {
 public:
  std::vector<std::unique_ptr<mu::Parser>> parsers;
  std::vector<std::vector<bool>> uses;  ///< per expression, per variable
  RealTable parameters;
  std::string parameters_key;
};

}  // namespace detail

namespace {

// muParser's message without its 0-based "at position n", followed by the character counted
// from 1, as editors count columns.
std::string describe(const mu::ParserError& e, const std::vector<std::string>& variables,
                     const detail::ExpressionParsers& p) {
  const std::string& token = e.GetToken();
  const bool name_like =
      !token.empty() && (std::isalpha(static_cast<unsigned char>(token[0])) || token[0] == '_');
  std::string message, hint;
  if (e.GetCode() == mu::ecUNASSIGNABLE_TOKEN && name_like) {
    std::vector<std::string> parameter_names;
    for (const auto& entry : p.parameters) parameter_names.push_back(entry.first);
    message = "unknown name \"" + token + "\"";
    hint = ": neither a variable (" + (variables.empty() ? "none" : join(variables)) +
           "), a parameter (" + (parameter_names.empty() ? "none" : join(parameter_names)) +
           ") nor a function; add it to " + p.parameters_key;
  } else {
    message = std::regex_replace(
        e.GetMsg(), std::regex(R"(\s*(found\s+)?at\s+(expression\s+)?position\s+-?\d+)"), "");
    while (!message.empty() && (message.back() == '.' || message.back() == ' ')) {
      message.pop_back();
    }
    if (!message.empty()) {
      message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
  }
  const int position = e.GetPos();
  if (position >= 0 && static_cast<std::size_t>(position) < e.GetExpr().size()) {
    message += " at character " + std::to_string(position + 1);
  } else if (position >= 0) {
    message += " at the end";
  }
  return message + hint;
}

}  // namespace

CompiledExpressions::CompiledExpressions(std::vector<std::string> variables,
                                         const RealTable& parameters,
                                         const std::string& parameters_key,
                                         const std::string& parameters_where)
    : names_(std::move(variables)),
      variables_(names_.size(), 0.0),
      parsers_(std::make_unique<detail::ExpressionParsers>()) {
  parsers_->parameters = parameters;
  parsers_->parameters_key = parameters_key;
  for (const auto& [name, value] : parameters) {
    for (const std::string& variable : names_) {
      if (name == variable) {
        throw Error(parameters_where + ": " + parameters_key + " names a parameter '" + name +
                    "', but " + name + " is a variable (" + join(names_) + "); rename it");
      }
    }
    // Checked here, once, so that every expression's parser accepts the name.
    mu::Parser probe;
    try {
      probe.DefineConst(name, value);
    } catch (const mu::ParserError&) {
      throw Error(parameters_where + ": " + parameters_key + " has '" + name +
                  "', which cannot name a parameter; use letters, digits and _, starting with "
                  "a letter");
    }
  }
}

CompiledExpressions::~CompiledExpressions() = default;

int CompiledExpressions::add(const ExpressionText& expression) {
  auto parser = std::make_unique<mu::Parser>();
  try {
    for (std::size_t k = 0; k < names_.size(); ++k) parser->DefineVar(names_[k], &variables_[k]);
    for (const auto& [name, value] : parsers_->parameters) parser->DefineConst(name, value);
    parser->SetExpr(expression.text);
    // GetUsedVar parses leniently (unknown names count as variables); the first Eval()
    // parses strictly, reports unknown names, and compiles the bytecode. Eval(int&) alone
    // would skip that check in muParser 2.3.3, so it only counts the results afterwards.
    const mu::varmap_type used = parser->GetUsedVar();
    parser->Eval();
    int results = 0;
    parser->Eval(results);
    if (results != 1) {
      throw Error(expression.where + " = \"" + expression.text + "\" gives " +
                  std::to_string(results) + " values (separated by commas); give one expression");
    }
    std::vector<bool> uses(names_.size(), false);
    for (std::size_t k = 0; k < names_.size(); ++k) uses[k] = used.count(names_[k]) > 0;
    parsers_->parsers.push_back(std::move(parser));
    parsers_->uses.push_back(std::move(uses));
  } catch (const mu::ParserError& e) {
    throw Error(expression.where + " = \"" + expression.text +
                "\": " + describe(e, names_, *parsers_));
  }
  return static_cast<int>(parsers_->parsers.size()) - 1;
}

double CompiledExpressions::value(int index) const { return parsers_->parsers[index]->Eval(); }

bool CompiledExpressions::uses_variables(int index) const {
  for (bool used : parsers_->uses[index]) {
    if (used) return true;
  }
  return false;
}

bool CompiledExpressions::uses_variable(int index, std::size_t k) const {
  return parsers_->uses[index][k];
}

}  // namespace hj
