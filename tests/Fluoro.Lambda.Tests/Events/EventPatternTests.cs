using System.Text.Json;
using Fluoro.Lambda.Events;

namespace Fluoro.Lambda.Tests.Events;

/// <summary>Event-pattern matching, case by case, on one event.</summary>
public sealed class EventPatternTests
{
    private const string Event = """
        {"source":"shop.orders","detail-type":"Order Placed","resources":["arn:a","arn:b"],
         "detail":{"total":250,"status":"new","tags":["gift","rush"],"customer":{"tier":"gold"},"note":null,"items":[]}}
        """;

    [Theory]
    [InlineData("""{"source":["shop.orders"]}""", true)]
    [InlineData("""{"source":["shop.billing","shop.orders"]}""", true)]
    [InlineData("""{"source":["shop"]}""", false)]
    [InlineData("""{"source":["shop.orders"],"detail-type":["Refund"]}""", false)]
    [InlineData("""{"resources":["arn:b"]}""", true)]
    [InlineData("""{"detail":{"tags":["rush"]}}""", true)]
    [InlineData("""{"detail":{"customer":{"tier":["gold"]}}}""", true)]
    [InlineData("""{"detail":{"customer":{"tier":["silver"]}}}""", false)]
    [InlineData("""{"detail":{"total":[250]}}""", true)]
    [InlineData("""{"detail":{"total":["250"]}}""", false)]
    [InlineData("""{"detail":{"note":[null]}}""", true)]
    [InlineData("""{"source":[{"prefix":"shop."}]}""", true)]
    [InlineData("""{"source":[{"prefix":"billing."}]}""", false)]
    [InlineData("""{"source":[{"suffix":".orders"}]}""", true)]
    [InlineData("""{"detail-type":[{"equals-ignore-case":"order placed"}]}""", true)]
    [InlineData("""{"detail":{"status":[{"anything-but":"cancelled"}]}}""", true)]
    [InlineData("""{"detail":{"status":[{"anything-but":["new","cancelled"]}]}}""", false)]
    [InlineData("""{"detail":{"status":[{"anything-but":{"prefix":"ne"}}]}}""", false)]
    [InlineData("""{"detail":{"missing":[{"anything-but":"x"}]}}""", false)]
    [InlineData("""{"detail":{"total":[{"numeric":[">",100]}]}}""", true)]
    [InlineData("""{"detail":{"total":[{"numeric":[">",100,"<=",250]}]}}""", true)]
    [InlineData("""{"detail":{"total":[{"numeric":["<",250]}]}}""", false)]
    [InlineData("""{"detail":{"status":[{"numeric":[">",0]}]}}""", false)]
    [InlineData("""{"detail":{"status":[{"exists":true}]}}""", true)]
    [InlineData("""{"detail":{"coupon":[{"exists":false}]}}""", true)]
    [InlineData("""{"detail":{"coupon":[{"exists":true}]}}""", false)]
    [InlineData("""{"detail":{"items":[{"exists":true}]}}""", false)]
    [InlineData("""{"detail":{"coupon":["x",{"exists":false}]}}""", true)]
    public void Matches_as_eventbridge_documents(string pattern, bool expected)
    {
        Assert.True(EventPattern.TryParse(pattern, out var parsed, out var error), error);
        using var evt = JsonDocument.Parse(Event);

        Assert.Equal(expected, parsed!.Matches(evt.RootElement));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""{"source":"shop.orders"}""")]
    [InlineData("""{"source":[["a"]]}""")]
    [InlineData("""{"source":[{"prefix":1}]}""")]
    [InlineData("""{"source":[{"wildcard-ish":"a"}]}""")]
    [InlineData("""{"detail":{"total":[{"numeric":[">"]}]}}""")]
    [InlineData("""{"detail":{"total":[{"numeric":["!=",1]}]}}""")]
    [InlineData("""{"detail":{"total":[{"exists":"yes"}]}}""")]
    [InlineData("""not json""")]
    public void Invalid_patterns_are_rejected_with_a_reason(string pattern)
    {
        Assert.False(EventPattern.TryParse(pattern, out _, out var error));
        Assert.StartsWith("Event pattern is not valid.", error, StringComparison.Ordinal);
    }
}
