"""1688 sections: cart, orders, the cashier page and the sandbox seller actions."""
