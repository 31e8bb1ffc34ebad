using System.Runtime.CompilerServices;

namespace Fluoro.Sdk;

/// <summary>Inline storage for one value per <see cref="TagSlot"/>.</summary>
[InlineArray((int)TagSlot.Count)]
internal struct TagSlots
{
    private object? _element;
}
