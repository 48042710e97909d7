"""Wire models shared by the server and the client SDK, one module per API area."""
