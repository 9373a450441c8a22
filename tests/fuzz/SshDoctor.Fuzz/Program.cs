using SharpFuzz;
using SshDoctor.Fuzz;

// ssh-doctor's fuzz harnesses, one per parser (see tests/fuzz/README.md):
//   SshDoctor.Fuzz HARNESS          under afl-fuzz: the harness in SharpFuzz's out-of-process loop (input on stdin);
//                                    outside it: the harness once, on standard input
//   SshDoctor.Fuzz HARNESS FILE...  replays files through the harness (uninstrumented use: crashes, afl-tmin checks)
//   SshDoctor.Fuzz --list           the harness names
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: SshDoctor.Fuzz HARNESS [FILE...] | --list");
    return 2;
}

if (args[0] == "--list")
{
    foreach (var harness in HarnessList.All)
    {
        Console.WriteLine($"{harness.Name}\t{harness.Covers}");
    }

    return 0;
}

var chosen = HarnessList.Find(args[0]);
if (chosen is null)
{
    Console.Error.WriteLine($"unknown harness {args[0]}; --list shows them");
    return 2;
}

if (args.Length > 1)
{
    return Replay.Files(chosen, args[1..]);
}

// Out of process: a hang or a stack overflow kills only the child that runs the input, so afl-fuzz records it and
// goes on (the in-process loop would end the whole session on the first hang).
Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    chosen.Run(memory.ToArray());
});
return 0;
