using System.Text.Json;

namespace SshDoctor.Audit.Server;

/// <summary>A rule of nft's JSON written back roughly as <c>nft list ruleset</c> shows it, for the evidence.</summary>
internal static class NftRuleText
{
    public static string Of(IEnumerable<JsonElement> statements) => string.Join(' ', statements.Select(Statement));

    private static string Statement(JsonElement statement)
    {
        foreach (var property in statement.EnumerateObject())
        {
            if (property.Name == "match")
            {
                var op = property.Value.TryGetProperty("op", out var o) ? o.GetString() : "==";
                return $"{Value(property.Value.GetProperty("left"))}{(op is "==" or "in" ? string.Empty : " " + op)} {Value(property.Value.GetProperty("right"))}";
            }

            if (property.Name == "reject" && property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("type", out var type))
            {
                return "reject with " + type.GetString();
            }

            return property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Object ? property.Name : $"{property.Name} {Value(property.Value)}";
        }

        return statement.GetRawText();
    }

    private static string Value(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            return string.Join(',', value.EnumerateArray().Select(Value));
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return NftRuleset.Scalar(value);
        }

        if (value.TryGetProperty("payload", out var payload))
        {
            return $"{NftRuleset.Scalar(payload.GetProperty("protocol"))} {NftRuleset.Scalar(payload.GetProperty("field"))}";
        }

        if (value.TryGetProperty("set", out var set))
        {
            return "{ " + string.Join(", ", set.EnumerateArray().Select(Value)) + " }";
        }

        if (value.TryGetProperty("prefix", out var prefix))
        {
            return $"{prefix.GetProperty("addr").GetString()}/{prefix.GetProperty("len").GetInt32()}";
        }

        foreach (var kind in (string[])["meta", "ct"])
        {
            if (value.TryGetProperty(kind, out var inner) && inner.TryGetProperty("key", out var key))
            {
                return kind == "meta" ? key.GetString() ?? kind : $"{kind} {key.GetString()}";
            }
        }

        return value.GetRawText();
    }
}
