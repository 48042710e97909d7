"""1688 sections: goods, cart, orders, the cashier page and the sandbox seller actions."""
