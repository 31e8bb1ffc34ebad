// One browser for the whole run, and one test at a time: the machine has two cores shared by everyone.
[assembly: AssemblyFixture(typeof(Fluoro.Console.Tests.BrowserFixture))]
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
