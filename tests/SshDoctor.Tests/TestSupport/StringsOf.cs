using System.Collections;
using System.Reflection;

namespace SshDoctor.Tests.TestSupport;

/// <summary>
/// Every string reachable from an object of the project (public properties, collections, dictionaries), for tests
/// that check what the readers made of hostile input: no half of a surrogate pair may reach a report or a record.
/// </summary>
internal static class StringsOf
{
    public static List<string> Walk(object? root)
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object?>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var item = pending.Pop();
            switch (item)
            {
                case null:
                    continue;
                case string s:
                    found.Add(s);
                    continue;
                case Type or Delegate or System.Text.RegularExpressions.Regex:
                    continue;
            }

            var type = item.GetType();
            if (type.IsPrimitive || type.IsEnum || item is DateTime or DateTimeOffset or TimeSpan or decimal || (!type.IsValueType && !seen.Add(item)))
            {
                continue;
            }

            if (item is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    pending.Push(entry.Key);
                    pending.Push(entry.Value);
                }

                continue;
            }

            if (item is IEnumerable sequence)
            {
                foreach (var element in sequence)
                {
                    pending.Push(element);
                }

                continue;
            }

            if (type.Namespace?.StartsWith("SshDoctor", StringComparison.Ordinal) != true && !IsPair(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0 && property.CanRead)
                {
                    pending.Push(property.GetValue(item));
                }
            }

            if (IsPair(type))
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Push(field.GetValue(item));
                }
            }
        }

        return found;
    }

    private static bool IsPair(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) || type.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true);
}
