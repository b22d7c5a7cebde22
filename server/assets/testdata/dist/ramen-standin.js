/* fake stand-in for tests */window.Ramen={standIn:true,received:[]};
