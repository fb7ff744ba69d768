using System.CommandLine;

// Each subcommand lives in its own file under Commands/ and is registered here.
var root = new RootCommand("gradcheck: verifies the calculus of deep learning, symbolically, numerically and against a training engine.\n"
    + "Start with `gradcheck verify`; `gradcheck check --claim \"d/dz tanh(z) = 1 - tanh(z)^2\"` checks one claim; `gradcheck <command> --help` shows examples.");
root.Subcommands.Add(GradCheck.Cli.Commands.VerifyCommand.Create());
root.Subcommands.Add(GradCheck.Cli.Commands.CheckCommand.Create());
root.Subcommands.Add(GradCheck.Cli.Commands.DocsCommand.Create());
root.Subcommands.Add(GradCheck.Cli.Commands.TrainCommand.Create());

return GradCheck.Cli.Commands.CliExit.Invoke(root, args);
