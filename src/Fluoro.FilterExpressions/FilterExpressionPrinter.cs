using System.Globalization;
using System.Text;

namespace Fluoro.FilterExpressions;

/// <summary>
/// Prints a tree back to expression text in a canonical spelling (lower-case keywords, upper-case AND/OR and
/// string operators, quoted strings, parentheses only where precedence needs them). Parsing the output gives an
/// equal tree.
/// </summary>
public static class FilterExpressionPrinter
{
    public static string Print(FilterNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, FilterNode node)
    {
        switch (node)
        {
            case OrNode or:
                Write(b, or.Left);
                b.Append(" OR ");
                WriteGrouped(b, or.Right, or.Right is OrNode);
                break;
            case AndNode and:
                WriteGrouped(b, and.Left, and.Left is OrNode);
                b.Append(" AND ");
                WriteGrouped(b, and.Right, and.Right is OrNode or AndNode);
                break;
            case NotNode not:
                b.Append('!');
                WriteGrouped(b, not.Operand, not.Operand is OrNode or AndNode);
                break;
            case KeywordNode keyword:
                b.Append(FilterKeywords.TextOf(keyword.Keyword));
                WriteComparison(b, keyword.Operator, keyword.Value);
                break;
            case AnnotationNode annotation:
                if (annotation.Key.Length > 0 && annotation.Key.All(Lexer.IsWordPart))
                {
                    b.Append("annotation.").Append(annotation.Key);
                }
                else
                {
                    b.Append("annotation[");
                    WriteString(b, annotation.Key);
                    b.Append(']');
                }

                WriteComparison(b, annotation.Operator, annotation.Value);
                break;
            case ServiceNode service:
                b.Append("service(");
                if (service.Target is not null)
                {
                    WriteTarget(b, service.Target);
                }

                b.Append(')');
                WriteBlock(b, service.Filter);
                break;
            case EdgeNode edge:
                b.Append("edge(");
                WriteTarget(b, edge.Source);
                b.Append(", ");
                WriteTarget(b, edge.Destination);
                b.Append(')');
                WriteBlock(b, edge.Filter);
                break;
            case GroupNode group:
                b.Append(group.Kind == GroupReferenceKind.Name ? "group.name = " : "group.arn = ");
                WriteString(b, group.Value);
                break;
            case RootCauseNode rootCause:
                b.Append("rootcause.")
                    .Append(rootCause.Category switch
                    {
                        RootCauseCategory.Fault => "fault",
                        RootCauseCategory.Error => "error",
                        _ => "responsetime",
                    })
                    .Append('.')
                    .Append(rootCause.Scope switch
                    {
                        RootCauseScope.Service => "service",
                        RootCauseScope.Entity => "entity",
                        _ => "exception",
                    });
                WriteBlock(b, rootCause.Filter);
                break;
            case RootCauseJsonNode json:
                b.Append("rootcause.json = #").Append(json.Json);
                break;
            default:
                throw new ArgumentException($"Unknown node type {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteGrouped(StringBuilder b, FilterNode node, bool parenthesize)
    {
        if (parenthesize)
        {
            b.Append('(');
        }

        Write(b, node);
        if (parenthesize)
        {
            b.Append(')');
        }
    }

    private static void WriteBlock(StringBuilder b, FilterNode? filter)
    {
        if (filter is null)
        {
            return;
        }

        b.Append(" { ");
        Write(b, filter);
        b.Append(" }");
    }

    private static void WriteTarget(StringBuilder b, ServiceTarget target)
    {
        if (!target.UsesIdFunction && target.Name is not null && target.Type is null && target.AccountId is null)
        {
            WriteString(b, target.Name);
            return;
        }

        b.Append("id(");
        var first = true;
        WriteArgument(b, "name", target.Name, ref first);
        WriteArgument(b, "type", target.Type, ref first);
        WriteArgument(b, "account.id", target.AccountId, ref first);
        b.Append(')');
    }

    private static void WriteArgument(StringBuilder b, string name, string? value, ref bool first)
    {
        if (value is null)
        {
            return;
        }

        if (!first)
        {
            b.Append(", ");
        }

        first = false;
        b.Append(name).Append(": ");
        WriteString(b, value);
    }

    private static void WriteComparison(StringBuilder b, ComparisonOperator? op, FilterValue? value)
    {
        if (op is null || value is null)
        {
            return;
        }

        b.Append(' ').Append(Parser.OperatorText(op.Value)).Append(' ');
        switch (value)
        {
            case StringValue s:
                WriteString(b, s.Value);
                break;
            case NumberValue n:
                b.Append(n.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case BooleanValue bo:
                b.Append(bo.Value ? "true" : "false");
                break;
            default:
                throw new ArgumentException($"Unknown value type {value.GetType().Name}.", nameof(value));
        }
    }

    private static void WriteString(StringBuilder b, string value)
    {
        b.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                b.Append('\\');
            }

            b.Append(c);
        }

        b.Append('"');
    }
}
