using FsCheck;
using FsCheck.Fluent;

namespace Fluoro.Sampling.Tests;

/// <summary>Small alphabets so that random texts and patterns actually match each other often.</summary>
public static class SamplingArbitraries
{
    public static Arbitrary<WildcardCase> Cases() =>
        (from text in Gen.ArrayOf(Gen.Elements('a', 'b', 'A', '/', '.'))
         from pattern in Gen.ArrayOf(Gen.Elements('a', 'b', 'B', '/', '*', '?'))
         select new WildcardCase(new string(text), new string(pattern))).ToArbitrary();

    public static Arbitrary<FleetCase> Fleets() =>
        (from size in Gen.Choose(0, 50)
         from clients in Gen.Choose(1, 12)
         from offset in Gen.Choose(0, 59)
         select new FleetCase(size, clients, offset)).ToArbitrary();
}
