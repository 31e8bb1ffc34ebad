using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fluoro.FilterExpressions;

/// <summary>Recursive-descent parser for the grammar in spec §10.4.</summary>
internal sealed class Parser
{
    // Nesting and size bounds keep every recursive walk (parser, evaluator, printer, record equality)
    // far away from the stack limit, whatever a client sends.
    internal const int MaxDepth = 64;
    internal const int MaxNodes = 1000;

    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;
    private int _nodes;

    private Parser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    public static FilterNode Parse(string text)
    {
        if (text.Length > FilterExpression.MaxLength)
        {
            throw new FilterExpressionException($"expression is longer than {FilterExpression.MaxLength} characters", FilterExpression.MaxLength);
        }

        var parser = new Parser(Lexer.Tokenize(text));
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw new FilterExpressionException("expected a filter expression", parser.Peek.Position);
        }

        var node = parser.ParseOr(BlockContext.TopLevel);
        var last = parser.Peek;
        if (last.Kind != TokenKind.End)
        {
            throw new FilterExpressionException($"unexpected {last.Describe()}; expected AND, OR or the end of the expression", last.Position);
        }

        return node;
    }

    private Token Peek => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    private Token Expect(TokenKind kind, string what)
    {
        var token = Peek;
        if (token.Kind != kind)
        {
            throw Error(token, what);
        }

        _index++;
        return token;
    }

    private static FilterExpressionException Error(Token found, string expected) =>
        new($"expected {expected} but found {found.Describe()}", found.Position);

    private T Count<T>(T node, Token at)
        where T : FilterNode
    {
        if (++_nodes > MaxNodes)
        {
            throw new FilterExpressionException($"expression has more than {MaxNodes} terms", at.Position);
        }

        return node;
    }

    private void Enter(Token at)
    {
        if (++_depth > MaxDepth)
        {
            throw new FilterExpressionException($"expression is nested more than {MaxDepth} levels deep", at.Position);
        }
    }

    private FilterNode ParseOr(BlockContext context)
    {
        var left = ParseAnd(context);
        while (Peek.IsWord("or"))
        {
            var op = Advance();
            left = Count(new OrNode(left, ParseAnd(context)), op);
        }

        return left;
    }

    private FilterNode ParseAnd(BlockContext context)
    {
        var left = ParseUnary(context);
        while (true)
        {
            var token = Peek;
            if (token.IsWord("and"))
            {
                Advance();
            }
            else if (!StartsOperand(token))
            {
                return left;
            }

            // No AND written: juxtaposition means AND (e.g. "ok !partial duration <3").
            left = Count(new AndNode(left, ParseUnary(context)), token);
        }
    }

    private static bool StartsOperand(Token token) =>
        token.Kind is TokenKind.Bang or TokenKind.LeftParen
        || (token.Kind == TokenKind.Word && !token.IsWord("or") && !token.IsWord("and"));

    private FilterNode ParseUnary(BlockContext context)
    {
        var token = Peek;
        Enter(token);
        try
        {
            if (token.Kind == TokenKind.Bang || token.IsWord("not"))
            {
                Advance();
                return Count(new NotNode(ParseUnary(context)), token);
            }

            return ParsePrimary(context);
        }
        finally
        {
            _depth--;
        }
    }

    private FilterNode ParsePrimary(BlockContext context)
    {
        var token = Peek;
        if (token.Kind == TokenKind.LeftParen)
        {
            Advance();
            var inner = ParseOr(context);
            Expect(TokenKind.RightParen, "')' to close the '(' at position " + token.Position);
            return inner;
        }

        if (token.Kind != TokenKind.Word)
        {
            throw Error(token, "a keyword, '!', or '('");
        }

        var word = token.Text.ToLowerInvariant();
        if (word == "service")
        {
            RequireTopLevel(context, token, "service()");
            return ParseService();
        }

        if (word == "id" && _tokens[_index + 1].Kind == TokenKind.LeftParen)
        {
            // A bare id(...) selects a service, as in GetTimeSeriesServiceStatistics' EntitySelectorExpression.
            RequireTopLevel(context, token, "id()");
            var target = ParseTarget();
            return Count(new ServiceNode(target, ParseOptionalBlock(BlockContext.Service)), token);
        }

        if (word == "edge")
        {
            RequireTopLevel(context, token, "edge()");
            return ParseEdge();
        }

        if (word is "group.name" or "group.arn")
        {
            RequireTopLevel(context, token, token.Text);
            return ParseGroup(word == "group.name" ? GroupReferenceKind.Name : GroupReferenceKind.Arn);
        }

        if (word.StartsWith("rootcause.", StringComparison.Ordinal))
        {
            RequireTopLevel(context, token, "rootcause");
            return ParseRootCause();
        }

        if (word == "annotation" || word.StartsWith("annotation.", StringComparison.Ordinal))
        {
            if (context != BlockContext.TopLevel)
            {
                throw new FilterExpressionException("annotations cannot be used inside a service, edge or rootcause block", token.Position);
            }

            return ParseAnnotation();
        }

        if (FilterKeywords.TryParse(word, out var keyword))
        {
            Advance();
            return ParseKeyword(keyword, token);
        }

        throw new FilterExpressionException($"unknown keyword '{token.Text}'", token.Position);
    }

    private static void RequireTopLevel(BlockContext context, Token token, string what)
    {
        if (context != BlockContext.TopLevel)
        {
            throw new FilterExpressionException($"{what} cannot be used inside a service, edge or rootcause block", token.Position);
        }
    }

    private KeywordNode ParseKeyword(FilterKeyword keyword, Token keywordToken)
    {
        var kind = FilterKeywords.KindOf(keyword);
        var name = FilterKeywords.TextOf(keyword);
        if (!TryParseOperator(out var op, out var opToken))
        {
            if (kind == KeywordKind.Number)
            {
                throw Error(Peek, $"a comparison operator (=, !=, <, <=, >, >=) after '{name}'");
            }

            return Count(new KeywordNode(keyword), keywordToken);
        }

        var value = ParseValue();
        switch (kind)
        {
            case KeywordKind.Boolean:
                if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
                {
                    throw new FilterExpressionException($"'{name}' is a boolean keyword; use = or != with true or false", opToken.Position);
                }

                if (value.Value is not BooleanValue)
                {
                    throw new FilterExpressionException($"expected true or false after '{name} {OperatorText(op)}'", value.Token.Position);
                }

                break;
            case KeywordKind.Number:
                if (!IsNumericOperator(op))
                {
                    throw new FilterExpressionException($"'{name}' is a number keyword; use =, !=, <, <=, > or >=", opToken.Position);
                }

                if (value.Value is not NumberValue)
                {
                    throw new FilterExpressionException($"expected a number after '{name} {OperatorText(op)}'", value.Token.Position);
                }

                break;
            default:
                if (!IsStringOperator(op))
                {
                    throw new FilterExpressionException($"'{name}' is a string keyword; use =, !=, CONTAINS, BEGINSWITH or ENDSWITH", opToken.Position);
                }

                if (value.Value is not StringValue)
                {
                    throw new FilterExpressionException($"expected a quoted string after '{name} {OperatorText(op)}'", value.Token.Position);
                }

                break;
        }

        return Count(new KeywordNode(keyword, op, value.Value), keywordToken);
    }

    private AnnotationNode ParseAnnotation()
    {
        var token = Advance();
        string key;
        if (token.Text.Length > "annotation".Length)
        {
            key = token.Text["annotation.".Length..];
            if (key.Length == 0)
            {
                throw new FilterExpressionException("expected an annotation key after 'annotation.'", token.Position + token.Text.Length);
            }
        }
        else
        {
            Expect(TokenKind.LeftBracket, "'.' or '[' after 'annotation'");
            var keyToken = Expect(TokenKind.String, "a quoted annotation key");
            if (keyToken.Text.Length == 0)
            {
                throw new FilterExpressionException("annotation key must not be empty", keyToken.Position);
            }

            key = keyToken.Text;
            Expect(TokenKind.RightBracket, "']' after the annotation key");
        }

        if (!TryParseOperator(out var op, out var opToken))
        {
            return Count(new AnnotationNode(key), token);
        }

        var value = ParseValue();
        var valid = value.Value switch
        {
            NumberValue => IsNumericOperator(op),
            BooleanValue => op is ComparisonOperator.Equal or ComparisonOperator.NotEqual,
            _ => IsStringOperator(op),
        };
        if (!valid)
        {
            throw new FilterExpressionException($"operator {OperatorText(op)} cannot compare annotation '{key}' with {value.Token.Describe()}", opToken.Position);
        }

        return Count(new AnnotationNode(key, op, value.Value), token);
    }

    private ServiceNode ParseService()
    {
        var serviceToken = Advance();
        Expect(TokenKind.LeftParen, "'(' after 'service'");
        ServiceTarget? target = null;
        if (Peek.Kind != TokenKind.RightParen)
        {
            target = ParseTarget();
        }

        Expect(TokenKind.RightParen, "')' to close service(");
        var block = ParseOptionalBlock(BlockContext.Service);
        return Count(new ServiceNode(target, block), serviceToken);
    }

    private EdgeNode ParseEdge()
    {
        var edgeToken = Advance();
        Expect(TokenKind.LeftParen, "'(' after 'edge'");
        var source = ParseTarget();
        Expect(TokenKind.Comma, "',' between the two services of edge()");
        var destination = ParseTarget();
        Expect(TokenKind.RightParen, "')' to close edge(");
        var block = ParseOptionalBlock(BlockContext.Edge);
        return Count(new EdgeNode(source, destination, block), edgeToken);
    }

    private ServiceTarget ParseTarget()
    {
        var token = Peek;
        if (token.Kind == TokenKind.String)
        {
            Advance();
            return ServiceTarget.ForName(token.Text);
        }

        if (token.Kind == TokenKind.Word && !(token.IsWord("id") && _tokens[_index + 1].Kind == TokenKind.LeftParen))
        {
            // Lenient, like bare values elsewhere: service(my-api) means service("my-api").
            Advance();
            return ServiceTarget.ForName(token.Text);
        }

        if (!token.IsWord("id"))
        {
            throw Error(token, "a quoted service name or id(...)");
        }

        Advance();
        Expect(TokenKind.LeftParen, "'(' after 'id'");
        string? name = null, type = null, account = null;
        while (true)
        {
            var argument = Expect(TokenKind.Word, "name, type or account.id");
            Expect(TokenKind.Colon, $"':' after '{argument.Text}'");
            var value = Expect(TokenKind.String, $"a quoted value for '{argument.Text}'").Text;
            switch (argument.Text.ToLowerInvariant())
            {
                case "name" when name is null: name = value; break;
                case "type" when type is null: type = value; break;
                case "account.id" when account is null: account = value; break;
                case "name" or "type" or "account.id":
                    throw new FilterExpressionException($"'{argument.Text}' is given twice in id()", argument.Position);
                default:
                    throw new FilterExpressionException($"unknown id() argument '{argument.Text}'; expected name, type or account.id", argument.Position);
            }

            if (Peek.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            Expect(TokenKind.RightParen, "',' or ')' in id()");
            return ServiceTarget.ForId(name, type, account);
        }
    }

    private FilterNode? ParseOptionalBlock(BlockContext context) =>
        Peek.Kind == TokenKind.LeftBrace ? ParseBlock(context) : null;

    private FilterNode ParseBlock(BlockContext context)
    {
        var open = Expect(TokenKind.LeftBrace, "'{'");
        Enter(open);
        if (Peek.Kind == TokenKind.RightBrace)
        {
            throw new FilterExpressionException("empty block; expected a filter between '{' and '}'", Peek.Position);
        }

        var inner = ParseOr(context);
        Expect(TokenKind.RightBrace, "'}' to close the '{' at position " + open.Position);
        _depth--;
        return inner;
    }

    private GroupNode ParseGroup(GroupReferenceKind kind)
    {
        var token = Advance();
        Expect(TokenKind.Equal, $"'=' after '{token.Text}'");
        var value = Expect(TokenKind.String, "a quoted group " + (kind == GroupReferenceKind.Name ? "name" : "ARN"));
        return Count(new GroupNode(kind, value.Text), token);
    }

    private FilterNode ParseRootCause()
    {
        var token = Advance();
        var parts = token.Text.ToLowerInvariant().Split('.');
        if (parts.Length == 2 && parts[1] == "json")
        {
            Expect(TokenKind.Equal, "'=' after 'rootcause.json'");
            var json = Expect(TokenKind.Json, "'#[' followed by a JSON array");
            return Count(new RootCauseJsonNode(CanonicalJson(json)), token);
        }

        RootCauseCategory? category = parts.Length == 3 ? parts[1] switch
        {
            "fault" => RootCauseCategory.Fault,
            "error" => RootCauseCategory.Error,
            "responsetime" => RootCauseCategory.ResponseTime,
            _ => null,
        } : null;
        RootCauseScope? scope = parts.Length == 3 ? parts[2] switch
        {
            "service" => RootCauseScope.Service,
            "entity" => RootCauseScope.Entity,
            "exception" when category != RootCauseCategory.ResponseTime => RootCauseScope.Exception,
            _ => null,
        } : null;
        if (category is null || scope is null)
        {
            throw new FilterExpressionException(
                $"unknown root-cause keyword '{token.Text}'; expected rootcause.fault|error.service|entity|exception, rootcause.responsetime.service|entity or rootcause.json",
                token.Position);
        }

        var block = ParseBlock(BlockContext.RootCause);
        return Count(new RootCauseNode(category.Value, scope.Value, block), token);
    }

    private static string CanonicalJson(Token token)
    {
        try
        {
            using var document = JsonDocument.Parse(token.Text, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FilterExpressionException("rootcause.json expects a JSON array", token.Position);
            }

            using var stream = new MemoryStream();
            // Relaxed escaping keeps printed expressions readable; the text never lands in HTML unencoded.
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.RootElement.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }
        catch (JsonException ex)
        {
            throw new FilterExpressionException($"invalid JSON in rootcause.json: {ex.Message}", token.Position, ex);
        }
    }

    private bool TryParseOperator(out ComparisonOperator op, out Token token)
    {
        token = Peek;
        ComparisonOperator? found = token.Kind switch
        {
            TokenKind.Equal => ComparisonOperator.Equal,
            TokenKind.NotEqual => ComparisonOperator.NotEqual,
            TokenKind.Less => ComparisonOperator.LessThan,
            TokenKind.LessOrEqual => ComparisonOperator.LessThanOrEqual,
            TokenKind.Greater => ComparisonOperator.GreaterThan,
            TokenKind.GreaterOrEqual => ComparisonOperator.GreaterThanOrEqual,
            TokenKind.Word when token.IsWord("contains") => ComparisonOperator.Contains,
            TokenKind.Word when token.IsWord("beginswith") => ComparisonOperator.BeginsWith,
            TokenKind.Word when token.IsWord("endswith") => ComparisonOperator.EndsWith,
            _ => null,
        };
        op = found.GetValueOrDefault();
        if (found is null)
        {
            return false;
        }

        _index++;
        return true;
    }

    private (FilterValue Value, Token Token) ParseValue()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.String:
                Advance();
                return (new StringValue(token.Text), token);
            case TokenKind.Number:
                Advance();
                return (new NumberValue(token.Number), token);
            case TokenKind.Word when token.IsWord("true"):
                Advance();
                return (BooleanValue.True, token);
            case TokenKind.Word when token.IsWord("false"):
                Advance();
                return (BooleanValue.False, token);
            case TokenKind.Word when !token.IsWord("and") && !token.IsWord("or") && !token.IsWord("not"):
                // Lenient: a bare word is taken as a string (the documented `name = traces`).
                Advance();
                return (new StringValue(token.Text), token);
            default:
                throw Error(token, "a value (a quoted string, a number, true or false)");
        }
    }

    private static bool IsNumericOperator(ComparisonOperator op) => op <= ComparisonOperator.GreaterThanOrEqual;

    private static bool IsStringOperator(ComparisonOperator op) =>
        op is ComparisonOperator.Equal or ComparisonOperator.NotEqual or ComparisonOperator.Contains
            or ComparisonOperator.BeginsWith or ComparisonOperator.EndsWith;

    internal static string OperatorText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        ComparisonOperator.Contains => "CONTAINS",
        ComparisonOperator.BeginsWith => "BEGINSWITH",
        _ => "ENDSWITH",
    };
}
